echo hello > h
sha256sum h
md5sum h
sha256sum h > sums && sha256sum -c sums
echo 'hello' | base64
echo 'aGVsbG8K' | base64 -d
printf '' | md5sum
printf 'abc' | sha512sum
