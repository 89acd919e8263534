#!/usr/bin/env bash
# Builds the image's base without a registry: Debian bookworm (debootstrap, minbase) plus the
# pinned Node 24 binary from node_modules/node, the machine's CA bundle (npm ci inside the build
# fails with SELF_SIGNED_CERT_IN_CHAIN without it) and a `node` user (uid 1000), as in the
# official node:24-bookworm-slim. Cached under $GK_IMAGE_CACHE: the root file system and the
# committed base are reused while the Node binary is the same.
set -euo pipefail
cd "$(dirname "$0")/../.."
cache=${GK_IMAGE_CACHE:-/var/cache/grantkeeper}
storage=(--storage-driver vfs)
node_bin=node_modules/node/bin/node
node_version=$("$node_bin" --version)
tag="localhost/grantkeeper-base:node-${node_version}"

if buildah "${storage[@]}" inspect --type image "$tag" >/dev/null 2>&1; then
  echo "$tag"
  exit 0
fi
mkdir -p "$cache"
if [ ! -x "$cache/rootfs/bin/sh" ]; then
  rm -rf "$cache/rootfs"
  debootstrap --variant=minbase bookworm "$cache/rootfs" http://deb.debian.org/debian >&2
fi
container=$(buildah "${storage[@]}" from scratch)
trap 'buildah "${storage[@]}" rm "$container" >/dev/null 2>&1 || true' EXIT
mount=$(buildah "${storage[@]}" mount "$container")
cp -a "$cache/rootfs/." "$mount/"
rm -rf "$mount/var/cache/apt/archives/"*.deb "$mount/var/lib/apt/lists/"*
install -m 0755 "$node_bin" "$mount/usr/local/bin/node"
# npm and npx from the same package as the binary's version, for `npm ci` in the build stage.
npm_dir=$(dirname "$(readlink -f node_modules/npm/package.json 2>/dev/null || echo /usr/lib/node_modules/npm/package.json)")
mkdir -p "$mount/usr/local/lib/node_modules"
cp -a "$npm_dir" "$mount/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$mount/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$mount/usr/local/bin/npx"
mkdir -p "$mount/etc/ssl/certs"
cp /etc/ssl/certs/ca-certificates.crt "$mount/etc/ssl/certs/ca-certificates.crt"
chroot "$mount" /bin/sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
buildah "${storage[@]}" umount "$container" >/dev/null
buildah "${storage[@]}" config --env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
  --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$container"
buildah "${storage[@]}" commit --quiet "$container" "$tag" >/dev/null
echo "$tag"
