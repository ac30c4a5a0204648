path=/a/b/c.d/e.tar.gz
echo "${path##*.}"
echo "${path%.*}"
file=${path##*/}; echo "${file%%.*}"
v=abcabc; echo ${v#*b} ${v##*b} ${v%b*} ${v%%b*}
x=Hello; echo ${#x}
y="  padded  "; echo "[${y# }]"
