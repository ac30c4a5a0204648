for i in a b c; do echo $i; done
i=0
while [ $i -lt 3 ]; do echo "w$i"; i=$((i+1)); done
until [ $i -eq 0 ]; do i=$((i-1)); done; echo "u$i"
for i in 1 2 3 4 5; do
  [ $i -eq 2 ] && continue
  [ $i -eq 4 ] && break
  echo "l$i"
done
for x in 1 2; do for y in a b; do [ $y = b ] && continue 2; echo $x$y; done; done
for z; do echo never; done
