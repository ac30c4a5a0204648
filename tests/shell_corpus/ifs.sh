IFS=:
line='root:x:0:0::/root:/bin/sh'
set -- $line
echo "$# fields, home=$6"
for f in $line; do printf '[%s]' "$f"; done; echo
IFS=' '
v='  lead  trail  '
set -- $v; echo $#
IFS=,; set -- a,b,,c,; echo $#
