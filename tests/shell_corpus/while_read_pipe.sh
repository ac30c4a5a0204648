printf '1\n2\n3\n' | while read n; do echo $((n * 10)); done
total=0
for n in 1 2 3 4; do total=$((total + n)); done
echo total=$total
printf 'k1=v1\nk2=v2\n' | while IFS='=' read -r k v; do echo "$v<-$k"; done
