for i in 1 2 3; do for j in a b c; do [ $j = b ] && break 2; echo $i$j; done; done
n=0; while :; do n=$((n+1)); [ $n -ge 3 ] && break; done; echo n=$n
for i in $(seq 1 3); do echo line$i; done > loop.out
cat loop.out
i=0; while [ $i -lt 2 ]; do echo r$i; i=$((i+1)); done | sort -r
printf 'x\ny\n' > in.txt
while read l; do echo "got $l"; done < in.txt
echo $((unset_var + 1)) ${unset_var:-$(echo lazy)}
