#!/bin/sh
# The man page documents every command of the live table and every key of
# the options table, and config.ini.example is what the table generates.
set -u
top=${REEL_TOP:?}; reel=${REEL:?}
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
fail=0
"$reel" -q "$dir/p" -c help | awk '{print $1}' > "$dir/cmds"
[ -s "$dir/cmds" ] || { echo "no commands listed"; exit 1; }
man_text=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$top/reel.1")
n=0
while read -r c; do
	n=$((n + 1))
	printf '%s\n' "$man_text" | grep -q -- "$c" ||
		{ echo "reel.1 does not document command '$c'"; fail=1; }
done < "$dir/cmds"
"$reel" --config-example > "$dir/example"
cmp -s "$dir/example" "$top/config.ini.example" ||
	{ echo "config.ini.example is stale: run 'make example'"; fail=1; }
k=0
for key in $(sed -n 's/^#\([a-z-]*\) =.*/\1/p' "$dir/example"); do
	k=$((k + 1))
	printf '%s\n' "$man_text" | grep -q -- "^\.B[R ]* *$key\|^\.BR* .*$key" ||
		{ echo "reel.1 does not document setting '$key'"; fail=1; }
done
echo "checked $n commands and $k settings against reel.1"
exit $fail
