# One image recipe for every deployable (each service's *.Api project and the gateway), in two
# modes chosen by the build argument MODE:
#
# MODE=local (default; no registry needed): the application is published on the host
#   (`dotnet publish -c Release -p:UseAppHost=false`, framework-dependent) into a folder that
#   is the build context; it is copied onto the locally made runtime base
#   platform/dotnet-runtime:10.0 (deploy/containers/bases.sh). `make images` does all of this:
#
#   dotnet publish services/identity/Identity.Api -c Release -p:UseAppHost=false -o ctx
#   podman build -f deploy/docker/service.Dockerfile --build-arg ASSEMBLY=Identity.Api \
#     -t platform/identity:dev ctx
#
# MODE=sdk (where a registry is reachable): restore and publish inside the official SDK image,
#   onto the official ASP.NET Core image. The build context is the repository root (/.dockerignore):
#
#   docker build -f deploy/docker/service.Dockerfile --build-arg MODE=sdk \
#     --build-arg RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled \
#     --build-arg PROJECT=services/identity/Identity.Api --build-arg ASSEMBLY=Identity.Api \
#     -t platform/identity:dev .
#
# PROJECT          folder of the project to publish (MODE=sdk only), relative to the repository root
# ASSEMBLY         its assembly name (the published <ASSEMBLY>.dll is the entry point)
# RUNTIME_IMAGE    the image the application runs on
# EXTRA_PACKAGES   Debian/Ubuntu packages the application needs besides the runtime (loans:
#                  "tesseract-ocr tesseract-ocr-eng"); needs a RUNTIME_IMAGE with apt (the local
#                  base, or aspnet:10.0-noble rather than the chiseled one, which has no shell)
# REVISION, VERSION  the git revision and version written into the OCI labels
#
# Only the stages the chosen mode needs are built (BuildKit, buildah/podman), so MODE=local never
# touches the SDK image. No `# syntax=` frontend is pulled.

ARG MODE=local
# Must satisfy global.json (SDK 10.0.401, rollForward latestFeature): any 10.0 SDK of feature
# band 4xx or later. Override with --build-arg SDK_IMAGE=... to pin an exact SDK tag or digest.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=platform/dotnet-runtime:10.0
ARG EXTRA_PACKAGES=

# ---- MODE=sdk: restore inputs -------------------------------------------------------------
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

# ---- MODE=sdk: publish inside the SDK image -----------------------------------------------
FROM ${SDK_IMAGE} AS publish-sdk
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
RUN dotnet publish "$PROJECT" -c Release -o /app --no-restore -p:UseAppHost=false

# ---- MODE=local: the host's publish output is the build context ---------------------------
FROM scratch AS publish-local
COPY . /app/

# ---- the published application, checked, with a fixed entry point name -------------------
# An exec-form ENTRYPOINT cannot expand build arguments and a chiseled runtime has no shell, so
# the entry point gets a fixed name: a relative symlink to the real assembly. The .NET host
# resolves the link, so the runtime config, deps file and assembly identity stay ASSEMBLY's own.
# Runs on the runtime image (it has the shell that the scratch stage lacks) unless that one has
# none either; then the SDK image.
# (Each alias stage below has one instruction: buildah commits a stage of a bare FROM anew on
# every build, which would defeat the layer cache of every stage built on it.)
FROM publish-${MODE} AS published
FROM ${RUNTIME_IMAGE} AS app-local
USER root
FROM ${SDK_IMAGE} AS app-sdk
USER root
FROM app-${MODE} AS entrypoint
ARG ASSEMBLY
COPY --from=published /app /app
RUN if [ -z "$ASSEMBLY" ] || [ ! -f "/app/$ASSEMBLY.dll" ]; then \
        echo "/app/$ASSEMBLY.dll missing: build argument ASSEMBLY must name the published assembly" >&2; \
        exit 1; \
    fi \
    && ln -sfn "$ASSEMBLY.dll" /app/entrypoint.dll

# ---- runtime, plus EXTRA_PACKAGES when some are asked for ----------------------------------
FROM ${RUNTIME_IMAGE} AS runtime
USER 1654
FROM ${RUNTIME_IMAGE} AS runtime-packages
ARG EXTRA_PACKAGES
USER root
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${EXTRA_PACKAGES} \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt/* /var/log/dpkg.log

# ---- the application image ------------------------------------------------------------------
FROM runtime${EXTRA_PACKAGES:+-packages} AS app
ARG ASSEMBLY
# Listen on 8080 on every interface; the empty ASPNETCORE_HTTP_PORTS (set by the base images)
# avoids the start-up warning about URLS overriding it.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS=
WORKDIR /app
# Owned by root and read-only for the app user: the process cannot modify its own code, and the
# image works with a read-only root filesystem (mount a writable /tmp where the platform needs one).
COPY --from=entrypoint /app ./
# Non-root, by numeric id (the `app` user of both runtime bases) so Kubernetes' runAsNonRoot can
# check it.
USER 1654
EXPOSE 8080
# No HEALTHCHECK: a chiseled runtime has no shell, curl or wget to run one. Orchestrators probe
# the HTTP endpoints instead: /health/live (process up) and /health/ready (dependencies reachable).
ENTRYPOINT ["dotnet", "/app/entrypoint.dll"]
# Last, so a new revision changes only this metadata and every layer above stays cached.
ARG REVISION=unknown
ARG VERSION=dev
LABEL org.opencontainers.image.title="${ASSEMBLY}" \
      org.opencontainers.image.description="Platform deployable ${ASSEMBLY} (ASP.NET Core)" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.version="${VERSION}"
