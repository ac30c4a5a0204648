printf 'apple red\nbanana yellow\ncherry red\nlime green\n' > f
awk '{count[$2]++} END {for (c in count) print c, count[c]}' f | sort
awk '{ n = split($0, parts, "a"); print n }' f
awk '{ gsub(/a/, "A"); print }' f
awk '{ print length($1), toupper(substr($1, 1, 1)) substr($1, 2) }' f
awk 'NR % 2 == 0' f
awk 'NR==1, NR==2 { print "range", $1 }' f
awk 'function sq(x) { return x * x } { print sq(NR) }' f
awk '{ $2 = "X"; print }' f
awk 'BEGIN { OFS = "-" } { $1 = $1; print }' f
