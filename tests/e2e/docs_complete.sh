#!/bin/sh
# The man page documents every command of the live table, every key of the
# options table and every binding of keymaps/default.ini (KEYS), and
# config.ini.example is what the table generates.
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
# Every binding of keymaps/default.ini is in the KEYS section, under its
# screen's subsection ("Takes (takes)"), as the key then its command.
sed 's/\\-/-/g; s/\\\\/\\/g' "$top/reel.1" | awk '
    /^\.SH / { in_k = ($2 == "KEYS"); next }
    !in_k { next }
    /^\.SS / { match($0, /\([a-z]+\)/)
	sec = substr($0, RSTART + 1, RLENGTH - 2); next }
    /^\.B / && sec != "" { key = substr($0, 4); gsub(/"/, "", key)
	if ((getline cmd) <= 0) exit
	sub(/^prompt: /, ":", cmd); sub(/^open the prompt$/, ":", cmd)
	sub(/ +$/, "", cmd)
	print sec " " key " = " cmd }' > "$dir/man_keys"
awk '
    /^[ \t]*(#|$)/ { next }
    /^\[/ { sec = substr($0, 2, length($0) - 2); next }
    { i = index($0, "="); key = substr($0, 1, i - 1); cmd = substr($0, i + 1)
	sub(/^ +/, "", key); sub(/ +$/, "", key)
	sub(/^ +/, "", cmd); sub(/ +$/, "", cmd)
	print sec " " key " = " cmd }' "$top/keymaps/default.ini" \
    > "$dir/ini_keys"
b=0
while IFS= read -r line; do
	b=$((b + 1))
	grep -qxF -- "$line" "$dir/man_keys" ||
		{ echo "reel.1 KEYS does not list [${line%% *}] ${line#* }"
		fail=1; }
done < "$dir/ini_keys"
[ "$b" -gt 0 ] || { echo "no bindings read from keymaps/default.ini"; fail=1; }
echo "checked $n commands, $k settings and $b key bindings against reel.1"
exit $fail
