#!/bin/bash
# Builds the .deb from an existing build folder and checks it as a distribution would: the files
# a desktop application needs are in it, its desktop entry and AppStream metadata validate, and
# the programs run from a scratch root that the package was unpacked into.
# Usage: packaging/check-deb.sh [BUILD_DIR]   (default: build)
set -euo pipefail
build=${1:-build}
id=io.github.headstart.HeadStart

cmake --build "$build" --target package
deb=$(ls -t "$build"/headstart_*.deb | head -n 1)
echo "check-deb: $deb"

contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
expected=(
  ./usr/bin/headstart
  ./usr/bin/headstart-cli
  ./usr/share/applications/$id.desktop
  ./usr/share/metainfo/$id.metainfo.xml
  ./usr/share/icons/hicolor/scalable/apps/$id.svg
  ./usr/share/icons/hicolor/48x48/apps/$id.png
  ./usr/share/icons/hicolor/256x256/apps/$id.png
  ./usr/share/headstart/translations/headstart_en.qm
  ./usr/share/headstart/translations/headstart_ru.qm
  ./usr/share/man/man1/headstart-cli.1.gz
)
for path in "${expected[@]}"; do
  grep -qxF "$path" <<<"$contents" || { echo "check-deb: $path is not in the package" >&2; exit 1; }
done
dpkg-deb --field "$deb" Depends | grep -q libtorch || { echo "check-deb: no libtorch in Depends" >&2; exit 1; }
# The hashes' libraries (XXH3, SHA-256, OpenCV's perceptual hashes in libopencv-contrib) and the
# JPEG decoder's (libjpeg), found by dpkg-shlibdeps like libtorch.
for lib in libxxhash0 libssl3 libopencv-contrib406 libjpeg62-turbo; do
  dpkg-deb --field "$deb" Depends | grep -q "$lib" || { echo "check-deb: no $lib in Depends" >&2; exit 1; }
done
[ "$(dpkg-deb --field "$deb" Section)" = science ] || { echo "check-deb: wrong Section" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
desktop-file-validate "$root/usr/share/applications/$id.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml"
version=$("$root/usr/bin/headstart-cli" --version)
echo "check-deb: $version"
[ "$version" = "headstart-cli $(dpkg-deb --field "$deb" Version)" ] ||
  { echo "check-deb: headstart-cli --version says '$version'" >&2; exit 1; }
# The unpacked CLI speaks Russian from its installed catalogue.
help=$(LANG=ru_RU.UTF-8 LC_ALL=ru_RU.UTF-8 LANGUAGE= "$root/usr/bin/headstart-cli" --help)
[[ $help == Использование* ]] || { echo "check-deb: the CLI does not speak Russian" >&2; exit 1; }
man=$(zcat "$root/usr/share/man/man1/headstart-cli.1.gz")
[[ $man == .TH\ HEADSTART-CLI\ 1* ]] || { echo "check-deb: the man page is damaged" >&2; exit 1; }
echo "check-deb: ok"
