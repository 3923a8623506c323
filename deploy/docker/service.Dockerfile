# One image recipe for every deployable (each service's *.Api project and the gateway).
# Build from the repository root, which is the build context (see /.dockerignore):
#
#   docker build -f deploy/docker/service.Dockerfile \
#     --build-arg PROJECT=services/identity/Identity.Api --build-arg ASSEMBLY=Identity.Api \
#     -t platform/identity:dev .
#
# PROJECT  folder of the project to publish, relative to the repository root
# ASSEMBLY its assembly name (the published <ASSEMBLY>.dll is the entry point)
#
# Works with BuildKit and with the classic builder; no `# syntax=` frontend is pulled.

# Must satisfy global.json (SDK 10.0.401, rollForward latestFeature): any 10.0 SDK of feature
# band 4xx or later. Override with --build-arg SDK_IMAGE=... to pin an exact SDK tag or digest.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
# Ubuntu "chiseled": the .NET and ASP.NET Core runtimes plus their native libraries only; no
# shell, no package manager, no ICU (fine: Directory.Build.props sets InvariantGlobalization).
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled

# ---- restore inputs -------------------------------------------------------------------------
# Only the files `dotnet restore` reads: the solution-level build files and every project file.
# Taking the whole context and deleting the rest keeps this file free of a project list; the
# build stage copies the result, so its restore layer stays cached until one of these changes.
FROM ${SDK_IMAGE} AS restore-inputs
WORKDIR /src
COPY . .
RUN find . -type f ! \( -name '*.csproj' -o -name 'global.json' -o -name '.editorconfig' \
        -o -name 'Directory.Build.props' -o -name 'Directory.Build.targets' \
        -o -name 'Directory.Packages.props' -o -iname 'nuget.config' \) -delete \
    && find . -depth -type d -empty -delete

# ---- build ------------------------------------------------------------------------------------
FROM ${SDK_IMAGE} AS build
ARG PROJECT
ARG ASSEMBLY
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
RUN if [ -z "$PROJECT" ] || [ -z "$ASSEMBLY" ]; then \
        echo 'build arguments PROJECT (e.g. services/identity/Identity.Api) and ASSEMBLY (e.g. Identity.Api) are required' >&2; \
        exit 1; \
    fi
WORKDIR /src
COPY --from=restore-inputs /src ./
# Restores only PROJECT's graph (not the test projects). The same global properties are given to
# restore and publish so `--no-restore` finds matching assets. The EF Core design-time tooling
# is only referenced when the MSBuild property EfDesign=true, which is never set here, so it
# cannot end up in an image.
RUN dotnet restore "$PROJECT" -p:UseAppHost=false
COPY . .
# Framework-dependent and portable (no runtime identifier); no native apphost, `dotnet` runs it.
RUN dotnet publish "$PROJECT" -c Release -o /app --no-restore -p:UseAppHost=false \
    && if [ ! -f "/app/$ASSEMBLY.dll" ]; then \
        echo "/app/$ASSEMBLY.dll was not produced: does ASSEMBLY match PROJECT?" >&2; \
        exit 1; \
    fi
# An exec-form ENTRYPOINT cannot expand build arguments and the runtime image has no shell, so
# the entry point gets a fixed name: a relative symlink to the real assembly. The .NET host
# resolves the link, so the runtime config, deps file and assembly identity stay ASSEMBLY's own.
RUN ln -s "$ASSEMBLY.dll" /app/entrypoint.dll

# ---- runtime ----------------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE} AS runtime
ARG ASSEMBLY
LABEL org.opencontainers.image.title="${ASSEMBLY}" \
      org.opencontainers.image.description="Platform deployable ${ASSEMBLY} (ASP.NET Core)"
# Listen on 8080 on every interface; the empty ASPNETCORE_HTTP_PORTS (set by the base image)
# avoids the start-up warning about URLS overriding it.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS=
WORKDIR /app
# Owned by root and read-only for the app user: the process cannot modify its own code, and the
# image works with a read-only root filesystem (mount a writable /tmp where the platform needs one).
COPY --from=build /app ./
# Non-root: the base image's `app` user, by numeric id (1654) so Kubernetes' runAsNonRoot can check it.
USER $APP_UID
EXPOSE 8080
# No HEALTHCHECK: the chiseled image has no shell, curl or wget to run one. Orchestrators probe
# the HTTP endpoints instead: /health/live (process up) and /health/ready (dependencies reachable).
ENTRYPOINT ["dotnet", "/app/entrypoint.dll"]
