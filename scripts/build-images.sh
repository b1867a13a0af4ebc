#!/usr/bin/env bash
# Builds the five service images with podman, offline: no image registry is contacted. The base is
# a minimal Debian made from Debian packages (mmdebstrap) plus a Java runtime cut from this
# machine's JDK 25 with jlink (with the JDK's own class data archive); each service image adds its
# Boot jar, extracted into plain jars in Spring Boot's layers, and an AOT cache made by a training
# run of that image (docker/images/*.Containerfile). The Dockerfiles next to each service build the
# same layout on eclipse-temurin for people who use Docker.
#
#   scripts/build-images.sh                 # jars (./mvnw package), base, runtime, five images
#   scripts/build-images.sh --skip-jars     # the -exec jars are already built
#   scripts/build-images.sh --push          # also push them (log in first: podman login ghcr.io)
#
# Images are $IMAGE_REPOSITORY/mailplatform-<service>:$IMAGE_TAG, by default
# localhost/mailplatform/mailplatform-msa-service:<project version>: the Helm chart's coordinates
# with image.registry=localhost, image.organization=mailplatform.
#
# Needs: podman (with runc), mmdebstrap, python3, a JDK 25 (JAVA_HOME), and a Debian mirror for the base
# (the only download; the tarball is cached and reused: --refresh-base makes it again).
#
# Reproducible: the base is made with SOURCE_DATE_EPOCH=$BASE_EPOCH, so the same packages give the
# same tarball; every image is committed with --timestamp (the commit time of HEAD) and without the
# build container's ID, so the same jars on the same base give the same image ID. DEBIAN_SNAPSHOT=20261201T000000Z pins the
# packages too (snapshot.debian.org, where it is reachable; the release workflow sets it).
# The AOT cache is the exception: two training runs write different bytes (classes load in another
# order on other threads), so a cache is kept in IMAGE_CACHE under the ID of the image it was
# trained on, and a build of the same image takes it from there: the same image ID again on this
# machine, not across machines.
#
# Environment:
#   IMAGE_REPOSITORY  default localhost/mailplatform
#   IMAGE_TAG         default the version in the -exec jars' names
#   SERVICES          default "msa-service mta-service mda-service pop3-gateway imap-gateway"
#   IMAGE_CACHE       default ${XDG_CACHE_HOME:-$HOME/.cache}/mailplatform-images (base tarball, AOT caches)
#   DEBIAN_MIRROR     default http://deb.debian.org/debian (with -security for bookworm-security)
#   DEBIAN_SNAPSHOT   unset: the mirror as it is today
#   DEBIAN_KEYRING    the Debian archive keyring, where it is not apt's own (an Ubuntu host:
#                     /usr/share/keyrings/debian-archive-keyring.gpg)
#   IMAGE_SOURCE      org.opencontainers.image.source label, default the origin remote's URL
#   BASE_EPOCH        default 1764547200 (2025-12-01): file times in the base tarball
#   SOURCE_DATE_EPOCH default the commit time of HEAD: image creation and layer file times
set -euo pipefail
cd "$(dirname "$0")/.."

push=no
build_jars=yes
refresh_base=no
for argument in "$@"; do
  case "$argument" in
    --push) push=yes ;;
    --skip-jars) build_jars=no ;;
    --refresh-base) refresh_base=yes ;;
    -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
    *) echo "unknown argument: $argument (see --help)" >&2; exit 2 ;;
  esac
done

SERVICES=${SERVICES:-msa-service mta-service mda-service pop3-gateway imap-gateway}
IMAGE_REPOSITORY=${IMAGE_REPOSITORY:-localhost/mailplatform}
IMAGE_CACHE=${IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mailplatform-images}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
BASE_EPOCH=${BASE_EPOCH:-1764547200}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
IMAGE_SOURCE=${IMAGE_SOURCE:-$(git remote get-url origin 2>/dev/null || true)}
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo "$BASE_EPOCH")}
export JAVA_HOME SOURCE_DATE_EPOCH

# The JDK modules the services use (the deployment test runs them on this runtime), including
# those only loaded by name: jdk.charsets (mail in ISO-2022-JP, Big5, KOI8-R, ...), jdk.crypto.ec
# (TLS), java.security.sasl and jdk.security.auth (Kafka SASL), jdk.naming.dns (JNDI DNS),
# jdk.management (Micrometer's JVM metrics).
JAVA_MODULES=java.base,java.logging,java.naming,java.management,java.sql,java.net.http,java.instrument,\
java.desktop,java.security.jgss,java.security.sasl,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.management,\
jdk.charsets,jdk.naming.dns,jdk.security.auth,jdk.zipfs

for tool in podman mmdebstrap "$JAVA_HOME/bin/jlink"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "ERROR: $tool not found (apt-get install podman runc mmdebstrap; JDK 25)" >&2; exit 1; }
done

work=target/images
mkdir -p "$work" "$IMAGE_CACHE"

step() { printf '== %s\n' "$*"; }

if [ "$build_jars" = yes ]; then
  step "exec jars: ./mvnw package"
  modules=$(tr ' ' ',' <<<"$SERVICES")
  # Jar entries get SOURCE_DATE_EPOCH as their time (Maven's reproducible builds).
  ./mvnw -B -ntp -q package -DskipTests -Dproject.build.outputTimestamp="$SOURCE_DATE_EPOCH" -pl "$modules" -am
fi

exec_jar() {
  local jars=("$1"/target/"$1"-*-exec.jar)
  [ ${#jars[@]} -eq 1 ] && [ -f "${jars[0]}" ] || { echo "ERROR: no single $1/target/$1-*-exec.jar (run without --skip-jars)" >&2; exit 1; }
  echo "${jars[0]}"
}

if [ -z "${IMAGE_TAG:-}" ]; then
  first=$(exec_jar "${SERVICES%% *}")
  IMAGE_TAG=$(basename "$first" | sed -E "s/^${SERVICES%% *}-(.*)-exec\.jar$/\1/")
fi

# --- The Debian base: one tarball per mirror state and package list, kept in the cache.
# publicsuffix: the Public Suffix List the MTA's DMARC check finds Organizational Domains with
# (RFC 7489 3.2), at the path mailplatform.mta.inbound.authentication.public-suffix-list reads.
base_packages=ca-certificates,publicsuffix
base_name="bookworm-minbase-${DEBIAN_SNAPSHOT:-current}-$BASE_EPOCH-$(echo "$base_packages" | sha256sum | cut -c1-8)"
base_tar="$IMAGE_CACHE/$base_name.tar"
if [ "$refresh_base" = yes ] || [ ! -s "$base_tar" ]; then
  step "base: mmdebstrap $base_name (about 2 minutes)"
  if [ -n "${DEBIAN_SNAPSHOT:-}" ]; then
    sources=("deb [check-valid-until=no] http://snapshot.debian.org/archive/debian/$DEBIAN_SNAPSHOT bookworm main"
             "deb [check-valid-until=no] http://snapshot.debian.org/archive/debian-security/$DEBIAN_SNAPSHOT bookworm-security main")
  else
    sources=("deb $DEBIAN_MIRROR bookworm main" "deb ${DEBIAN_MIRROR}-security bookworm-security main")
  fi
  keyring=()
  [ -n "${DEBIAN_KEYRING:-}" ] && keyring=(--keyring="$DEBIAN_KEYRING")
  SOURCE_DATE_EPOCH=$BASE_EPOCH mmdebstrap --quiet "${keyring[@]}" --format=tar --variant=minbase --include="$base_packages" \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    bookworm "${base_tar%.tar}.partial.tar" "${sources[@]}"
  mv "${base_tar%.tar}.partial.tar" "$base_tar"
fi

# --- The runtime image: base + jlinked JDK. Its tag names its inputs, so it is built once per
# base tarball, JDK and module list.
java_version=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
# --generate-cds-archive: the JDK's own class data archive (lib/server/classes*.jsa), which the JDK
# ships and a jlinked runtime lacks unless asked; it serves the JDK's classes to any java started in
# the image without an AOT cache (the training run, a command of your own).
JLINK_OPTIONS="--strip-debug --no-header-files --no-man-pages --generate-cds-archive"
runtime_key=$( { sha256sum "$base_tar" | cut -c1-64; echo "$java_version $JAVA_MODULES $JLINK_OPTIONS"; cat docker/images/runtime.Containerfile; } | sha256sum | cut -c1-12)
runtime_image="localhost/mailplatform/runtime:25-$runtime_key"
if ! podman image exists "$runtime_image"; then
  step "runtime: jlink $java_version on $base_name"
  context="$work/runtime"
  rm -rf "$context" && mkdir -p "$context"
  ln "$base_tar" "$context/rootfs.tar" 2>/dev/null || cp "$base_tar" "$context/rootfs.tar"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/jlink" --add-modules "$JAVA_MODULES" $JLINK_OPTIONS --output "$context/java" >/dev/null
  podman build --quiet --format docker --timestamp "$BASE_EPOCH" -f docker/images/runtime.Containerfile \
    -t "$runtime_image" "$context" >/dev/null
  rm -rf "$context"
fi

# Docker's image format (kept for HEALTHCHECK, which OCI's lacks) records the ID of the build
# container in the image's configuration: a new ID on every build, however equal the layers. The
# field is emptied (the image goes out to a dir: copy, its configuration is rewritten, and it comes
# back), so the image ID depends on the content alone.
normalize() {
  local image=$1 old_id new_id dir
  old_id=$(podman image inspect --format '{{.Id}}' "$image")
  dir=$(mktemp -d)
  podman push --quiet --format v2s2 "$image" "dir:$dir"
  python3 - "$dir" <<'PY'
import hashlib, json, os, sys
directory = sys.argv[1]
manifest_path = os.path.join(directory, "manifest.json")
with open(manifest_path) as f:
    manifest = json.load(f)
old = manifest["config"]["digest"].split(":", 1)[1]
with open(os.path.join(directory, old)) as f:
    config = json.load(f)
config["container"] = ""
data = json.dumps(config, separators=(",", ":"), sort_keys=True).encode()
new = hashlib.sha256(data).hexdigest()
with open(os.path.join(directory, new), "wb") as f:
    f.write(data)
if new != old:
    os.remove(os.path.join(directory, old))
manifest["config"]["digest"] = "sha256:" + new
manifest["config"]["size"] = len(data)
with open(manifest_path, "w") as f:
    json.dump(manifest, f, separators=(",", ":"))
PY
  new_id=$(podman pull --quiet "dir:$dir")
  rm -rf "$dir"
  podman tag "$new_id" "$image"
  if [ "$old_id" != "$new_id" ]; then
    podman rmi "$old_id" >/dev/null 2>&1 || true
  fi
}

# --- The service images.
http_port() { sed -n 's/^  port: \([0-9]*\)$/\1/p' "$1/src/main/resources/application.yml" | head -1; }
# The mail listeners' ports, and the MSA's client autoconfiguration port (mailplatform.autoconfig.port).
mail_ports() { sed -n 's/^mailplatform\.\(.*listeners\..*\|autoconfig\)\.port=\([0-9]*\)$/\2/p' "$1/container.properties" | tr '\n' ' '; }

# The training run of an image: its own entry point and command, so the cache is made with the
# options and class path it will serve, writing the cache instead of reading it; the service stops
# once its Spring context has refreshed (spring.context.exit=onRefresh), before any listener, Kafka
# consumer or connection pool starts. No network: the database and Kafka are not needed for it.
# Settings a service refuses to start without get placeholder values (never used: nothing runs);
# the topics are not looked for at length (Boot's KafkaAdmin waits 30 s for the absent broker).
train() {
  local image=$1 output=$2 dir entrypoint
  dir=$(mktemp -d)
  chmod 0777 "$dir"
  entrypoint=$(podman image inspect --format '{{json .Config.Entrypoint}}' "$image" | python3 -c '
import json, sys
options = [a for a in json.load(sys.stdin) if not a.startswith("-XX:AOTCache=")]
print(json.dumps(options + ["-XX:AOTCacheOutput=/aot/service.aot", "-Dspring.context.exit=onRefresh"]))')
  if ! podman run --rm --network none --volume "$dir:/aot" --entrypoint "$entrypoint" \
      --env MAILPLATFORM_SRS_SECRETS=aot-training-only --env SPRING_KAFKA_ADMIN_OPERATION_TIMEOUT=1s \
      --env JDK_JAVA_OPTIONS=-Xlog:aot=error \
      "$image" -jar /app/service.jar > "$dir/training.log" 2>&1 || [ ! -s "$dir/service.aot" ]; then
    tail -n 40 "$dir/training.log" >&2
    echo "ERROR: the training run of $image made no AOT cache" >&2
    rm -rf "$dir"
    exit 1
  fi
  mv "$dir/service.aot" "$output.partial"
  mv "$output.partial" "$output"
  rm -rf "$dir"
}

built=()
mkdir -p "$IMAGE_CACHE/aot"
for service in $SERVICES; do
  jar=$(exec_jar "$service")
  image="$IMAGE_REPOSITORY/mailplatform-$service:$IMAGE_TAG"
  step "$image"
  context="$work/$service"
  rm -rf "$context" && mkdir -p "$context"
  cp "$jar" "$context/service.jar"
  cp "$service/container.properties" "$context/container.properties"
  # The image without its AOT cache: what the cache is trained on.
  untrained="localhost/mailplatform/untrained-$service:$IMAGE_TAG"
  # A jar's entries carry their build time; the layer files get SOURCE_DATE_EPOCH regardless.
  podman build --quiet --layers=false --format docker --timestamp "$SOURCE_DATE_EPOCH" \
    --build-arg RUNTIME_IMAGE="$runtime_image" --build-arg SERVICE="$service" \
    --build-arg VERSION="$IMAGE_TAG" --build-arg SOURCE_URL="$IMAGE_SOURCE" \
    --build-arg HTTP_PORT="$(http_port "$service")" --build-arg MAIL_PORTS="$(mail_ports "$service")" \
    -f docker/images/service.Containerfile -t "$untrained" "$context" >/dev/null
  rm -f "$context/service.jar"
  normalize "$untrained"
  untrained_id=$(podman image inspect --format '{{.Id}}' "$untrained")
  cache="$IMAGE_CACHE/aot/$service-${untrained_id:0:24}.aot"
  if [ ! -s "$cache" ]; then
    step "AOT cache: training run of $service"
    train "$untrained" "$cache"
  fi
  # One cache per service is kept: the one of the image just built.
  find "$IMAGE_CACHE/aot" -name "$service-*.aot" ! -name "$(basename "$cache")" -delete
  ln "$cache" "$context/service.aot" 2>/dev/null || cp "$cache" "$context/service.aot"
  podman build --quiet --layers=false --format docker --timestamp "$SOURCE_DATE_EPOCH" \
    --build-arg SERVICE_IMAGE="$untrained" -f docker/images/aot.Containerfile -t "$image" "$context" >/dev/null
  rm -rf "$context"
  normalize "$image"
  # Its layers stay, under the image with the cache.
  podman rmi "$untrained" >/dev/null 2>&1 || true
  built+=("$image")
done

: > "$work/images.txt"
for image in "${built[@]}"; do
  printf '%s %s\n' "$image" "$(podman image inspect --format '{{.Id}}' "$image")" | tee -a "$work/images.txt"
done

if [ "$push" = yes ]; then
  for image in "${built[@]}"; do
    step "push $image"
    podman push "$image"
  done
fi
