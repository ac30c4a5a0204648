unset u; e=
echo "${u-dflt} ${u:-dflt2} ${e-set} ${e:-empty}"
echo "${u+alt} ${e+alt2} ${e:+alt3}"
echo "${v:=assigned} $v"
f=/usr/local/lib/file.tar.gz
echo ${f##*/} ${f%/*} ${f%%.*} ${f#*.} ${#f}
s=hello; echo ${s:1:3} ${s: -2} ${s/l/L} ${s//l/L}
set -- one two three; echo $# $1 ${3} "$*"
