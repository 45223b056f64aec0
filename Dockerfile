# standin in a small image, for CI runners that prefer images (GitLab CI's
# `image:`, a Kubernetes job): one static binary (musl) on Alpine, whose
# shell the runners need. Build it from a release tag and push it to your
# registry (docs/publishing.md):
#
#   git checkout v0.1.0
#   docker build -t registry.example.com/tools/standin:0.1.0 .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" \
#     registry.example.com/tools/standin:0.1.0 standin build
#
# The toolchain is the one the release workflow and .ci/run build with.
FROM rust:1.95.0-alpine3.23 AS build
WORKDIR /src
COPY . .
ENV RUSTFLAGS="-C target-feature=+crt-static" \
    CARGO_PROFILE_RELEASE_STRIP=debuginfo
# A static binary names no shared library (`=>`) to ldd.
RUN cargo build --release --locked \
    && case "$(ldd target/release/standin 2>&1)" in *"=>"*) echo "standin is not static" >&2; exit 1;; esac

FROM alpine:3.23
COPY --from=build /src/target/release/standin /usr/local/bin/standin
RUN standin --version \
    && adduser -D -H -u 10001 standin
LABEL org.opencontainers.image.title="standin" \
      org.opencontainers.image.description="Turns a git repository of shift-end notes into a static handoff site."
USER 10001
WORKDIR /site
CMD ["standin", "--help"]
