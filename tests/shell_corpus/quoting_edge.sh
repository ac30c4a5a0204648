echo "$"
echo '$'
echo "a$"
echo \$HOME
echo "\$HOME"
x=5; echo "${x}th" "$x"th '$x'th
e=""; set -- $e; echo $#
set -- "$e"; echo $#
set -- ""; echo $#
empty=; for i in $empty; do echo never; done; echo ok
echo "$@" | wc -c
printf '%s\n' "a b" c
v='*'; echo "$v"
echo "~" ~nosuchuser
