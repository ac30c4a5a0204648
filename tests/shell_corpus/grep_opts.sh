printf 'Apple\nbanana\napple pie\ncherry\n\nBANANA split\n' > g
grep apple g
grep -i apple g
grep -v an g
grep -c a g
grep -n cherry g
grep -E 'ch|pie' g
grep -o 'an' g
grep -w apple g
grep -x cherry g
grep -q cherry g && echo found
grep nothing g; echo "rc=$?"
grep -F 'a.p' g; echo "rc=$?"
grep '^$' -c g
grep -e Apple -e cherry g
