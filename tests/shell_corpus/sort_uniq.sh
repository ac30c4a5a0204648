printf 'b\na\nc\na\nb\na\n' > l
sort l
sort -r l
sort -u l
sort l | uniq
sort l | uniq -c
sort l | uniq -d
printf '10\n2\n33\n1\n' | sort -n
printf '10\n2\n33\n1\n' | sort -rn
printf 'x 3\ny 1\nz 2\n' | sort -k2
printf 'a:3\nb:1\nc:2\n' | sort -t: -k2 -n
printf 'B\na\nC\nb\n' | sort
printf 'B\na\nC\nb\n' | sort -f
