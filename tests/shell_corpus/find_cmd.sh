mkdir -p p/q/r
touch p/a.txt p/q/b.txt p/q/r/c.log p/q/d.TXT
find p | sort
find p -name '*.txt' | sort
find p -iname '*.txt' | sort
find p -type d | sort
find p -type f -name '*.log'
find p -maxdepth 1 | sort
find p -mindepth 2 -type f | sort
find p -path '*q/r*' | sort
find p -name '*.txt' -exec echo found {} \; | sort
find p ! -name '*.txt' -type f
