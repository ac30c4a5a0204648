printf 'a\nb\nc\n' | xargs echo
printf 'a\nb\nc\n' | xargs -n 1 echo item
printf '1 2 3 4 5\n' | xargs -n 2
printf 'x\ny\n' | xargs -I {} echo "<{}>"
echo | xargs echo empty
mkdir -p xd; touch xd/1 xd/2; find xd -type f | sort | xargs rm; ls xd | wc -l
