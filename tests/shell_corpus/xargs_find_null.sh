mkdir -p nz/a nz/b
touch nz/a/one nz/b/two
find nz -type f -print0 | sort -z | xargs -0 -n1 basename
find nz -type f | sort | xargs -I F echo "file: F"
find nz -mindepth 1 -maxdepth 1 -type d | sort | while read d; do echo "dir $d"; done
