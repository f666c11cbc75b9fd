#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Make Debian suites newer than the host's (sid, trixie, trixie-backports, experimental)
# visible to apt, pinned at priority 1 so that nothing is ever taken from them unless it
# is asked for by name (linux-source-7.x, linux-headers-7.x, ...). The archive URI is
# read from the host's own Debian source entry: no host name is written here.
set -eu

list=/etc/apt/sources.list.d/pstore-kho-extra.sources
pref=/etc/apt/preferences.d/pstore-kho-extra

src=/etc/apt/sources.list.d/debian.sources
if [ -f "$src" ]; then
	uri=$(awk '/^URIs:/ { print $2; exit }' "$src")
else
	uri=$(awk '$1 == "deb" && $0 !~ /security/ { print $2; exit }' /etc/apt/sources.list)
fi
[ -n "$uri" ] || { echo "apt-suites: no Debian source entry found on this host" >&2; exit 1; }

cat > "$list.new" <<EOT
Types: deb
URIs: $uri
Suites: sid trixie trixie-backports experimental
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOT
# Source packages of sid, only when a caller needs one (tests/setup/sparse.sh).
if [ -n "${PSTORE_KHO_DEB_SRC:-}" ] || grep -q deb-src "$list" 2>/dev/null; then
	cat >> "$list.new" <<EOT

Types: deb-src
URIs: $uri
Suites: sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOT
fi
cat > "$pref.new" <<'EOT'
# Written by pstore-kho-dkms tests/setup/apt-suites.sh: only packages named explicitly
# come from these suites.
Package: *
Pin: release n=sid
Pin-Priority: 1

Package: *
Pin: release n=trixie
Pin-Priority: 1

Package: *
Pin: release n=trixie-backports
Pin-Priority: 1

Package: *
Pin: release n=experimental
Pin-Priority: 1
EOT
changed=0
for f in "$list" "$pref"; do
	if ! cmp -s "$f" "$f.new"; then
		mv "$f.new" "$f"
		changed=1
	else
		rm -f "$f.new"
	fi
done
stamp=/var/lib/apt/lists/.pstore-kho-updated
if [ "$changed" = 1 ] || [ ! -e "$stamp" ] || [ -n "$(find "$stamp" -mmin +720)" ]; then
	apt-get update -qq
	touch "$stamp"
fi
