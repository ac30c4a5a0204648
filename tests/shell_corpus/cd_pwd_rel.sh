mkdir -p one/two
cd one/two
basename "$(pwd)"
cd ..
basename "$PWD"
cd - >/dev/null
basename "$(pwd)"
cd ../..
ls
cd one && ls && cd ..
