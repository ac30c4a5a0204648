printf 'name,qty,price\nwidget,3,2.50\ngadget,10,1.25\n' > c.csv
awk -F, 'NR > 1 { total += $2 * $3 } END { printf "%.2f\n", total }' c.csv
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; next } { print h[1] "=" $1 }' c.csv
awk 'BEGIN { printf "%c%c%c\n", 72, 105, 33 }'
awk 'BEGIN { x = sprintf("%03d-%s", 7, "x"); print x }'
awk 'BEGIN { s = "a.b.c"; n = split(s, p, "."); for (i = n; i > 0; i--) printf "%s ", p[i]; print "" }'
echo "3 4" | awk '{ print $1 * $1 + $2 * $2, int(7 / 2), 7 % 4 }'
echo "foo bar" | awk '{ t = $1; $1 = $2; $2 = t } 1'
printf 'x 1\ny 2\nx 3\n' | awk '{ s[$1] += $2 } END { for (k in s) print k, s[k] }' | sort
printf 'a\nb\nc\n' | awk 'END { print NR, $0 }'
echo "abc" | awk '{ print match($0, /b+/), RSTART, RLENGTH }'
echo "path/to/file" | awk -F/ '{ print $NF; print NF }'
awk 'BEGIN { if (!(3 in a)) print "absent"; a[3]; if (3 in a) print "present" }'
echo "5 apples" | awk '$1 >= 5 { print "many" } $1 < 5 { print "few" }'
printf 'l1\nl2\n' | awk '{ printf "%d:%s|", NR, $0 } END { print "" }'
