# Developer entry points; the real logic lives in deploy/local/*.sh so CI and
# humans run exactly the same steps.
.DEFAULT_GOAL := help
.PHONY: help run test stop infra build clean images image infra-images

SOLUTION := Platform.sln
RUN_DIR := $(or $(PLATFORM_RUN_DIR),.run)

help: ## List the targets
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 16

run: ## Infrastructure + build + all services and the gateway in the background
	@bash deploy/local/run.sh

test: ## Infrastructure + build + all tests; last line "N passed, N failed, N skipped"
	@bash deploy/local/test.sh

stop: ## Stop services and the infrastructure this tooling started
	@bash deploy/local/stop.sh

.PHONY: run-containers
run-containers: ## The suite from deploy/k8s in podman (or kubectl apply -k on a configured cluster), then the e2e flow
	@bash deploy/containers/run-containers.sh

infra: ## Only bring up PostgreSQL, RabbitMQ and Redis (writes .run/infra.env)
	@bash deploy/local/up.sh

build: ## Release build of the whole solution
	dotnet build $(SOLUTION) -c Release

clean: ## Remove build outputs and test results (keeps local data and secrets)
	dotnet clean $(SOLUTION) -c Release --nologo -v quiet
	rm -rf $(RUN_DIR)/test-results

images: ## Container images of every service, the gateway and the infrastructure (podman or docker)
	@bash deploy/containers/images.sh

image: ## Rebuild one service's image: make image SERVICE=deals
	@test -n "$(SERVICE)" || { echo "usage: make image SERVICE=<name>" >&2; exit 2; }
	@bash deploy/containers/images.sh $(SERVICE)

infra-images: ## Only the PostgreSQL, RabbitMQ and Redis images
	@bash deploy/containers/images.sh --infra
