printf 'alice 30 nyc\nbob 25 sf\ncarol 35 nyc\n' > d
awk '{print $1}' d
awk '{print $NF, NR}' d
awk '$2 > 28 {print $1 " is older"}' d
awk '{s += $2} END {print "total", s, "avg", s/NR}' d
awk -F' ' '{printf "%-6s|%3d\n", $1, $2}' d
awk '/nyc/ {c++} END {print c}' d
awk 'BEGIN {print "start"} END {print "end", NR}' d
echo 'a:b:c' | awk -F: '{print $2, NF}'
awk -v x=5 'BEGIN {print x * 2}'
