//! `git clone` over the simulated network: checks the URL as git does, then writes the
//! working tree and a `.git` directory sized like a shallow or full clone.

use super::net::{fetch, seed_of, FetchError, Url};
use super::{sources, Args};
use crate::shell::Ctx;
use crate::vfs::{path, Content, Meta};

/// `git clone [--depth N] [-b BRANCH] [-q] URL [DIR]`.
pub fn clone(ctx: &mut Ctx<'_>, args: &[String]) -> i32 {
    let a =
        Args::parse(args, "bocj", &["depth", "branch", "origin", "config", "jobs", "reference", "filter", "template"]);
    let quiet = a.has(&["q", "quiet"]);
    let Some(raw) = a.operands.first().cloned() else {
        ctx.err("fatal: You must specify a repository to clone.\n\nusage: git clone [<options>] [--] <repo> [<dir>]\n");
        return 129;
    };
    let name =
        raw.trim_end_matches('/').trim_end_matches(".git").rsplit(['/', ':']).next().unwrap_or("repo").to_string();
    let dir = a.operands.get(1).cloned().unwrap_or_else(|| name.clone());
    let cwd = ctx.cwd.clone();
    let at = path::normalize(&cwd, &dir);
    if ctx.fs.lookup("/", &at, false).is_ok_and(|(_, n)| !n.is_dir() || ctx.fs.children(&at).next().is_some()) {
        ctx.err(&format!("fatal: destination path '{dir}' already exists and is not an empty directory.\n"));
        return 128;
    }
    if !quiet {
        ctx.err(&format!("Cloning into '{dir}'...\n"));
    }
    if raw.starts_with("git@") || raw.starts_with("ssh://") {
        ctx.err("Host key verification failed.\r\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n");
        return 128;
    }
    let Some(url) = Url::parse(&raw) else {
        ctx.err(&format!("fatal: repository '{raw}' does not exist\n"));
        return 128;
    };
    match fetch(&url, &ctx.network, ctx.fs) {
        Ok(_) => {}
        Err(FetchError::UnknownHost | FetchError::NoResolver) => {
            ctx.err(&format!(
                "fatal: unable to access '{}/': Could not resolve host: {}\n",
                raw.trim_end_matches('/'),
                url.host
            ));
            return 128;
        }
        Err(FetchError::Refused(_)) => {
            ctx.err(&format!("fatal: unable to access '{}/': Failed to connect to {} port {} after 0 ms: Couldn't connect to server\n", raw.trim_end_matches('/'), url.host, url.port));
            return 128;
        }
    }
    let tree = sources::for_repo(&name);
    let meta = Meta { mode: 0o755, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
    let mut total = 0u64;
    for (p, data, mode) in tree.files {
        let dest = path::join(&at, &p);
        let _ = ctx.fs.mkdir_all("/", path::parent(&dest), meta);
        total += data.len() as u64;
        if ctx.allow(data.len()) < data.len() {
            return 128;
        }
        let _ = ctx.fs.write_file("/", &dest, Content::from(data), Meta { mode: mode & 0o755, ..meta });
    }
    // The pack holds the history: about the tree's size for a shallow clone, several
    // times it for a full one.
    let shallow = a.has(&["depth"]);
    let pack = if shallow { total / 3 } else { total * 2 };
    let seed = seed_of(&url.to_text());
    let git = path::join(&at, ".git");
    let branch = a.value(&["b", "branch"]).unwrap_or_else(|| "main".into());
    let _ = ctx.fs.mkdir_all("/", &format!("{git}/objects/pack"), meta);
    let _ = ctx.fs.mkdir_all("/", &format!("{git}/refs/heads"), meta);
    let f = Meta { mode: 0o644, ..meta };
    let _ = ctx.fs.write_file("/", &format!("{git}/HEAD"), format!("ref: refs/heads/{branch}\n").into(), f);
    let _ = ctx.fs.write_file("/", &format!("{git}/config"), format!("[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n[remote \"origin\"]\n\turl = {raw}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch \"{branch}\"]\n\tremote = origin\n\tmerge = refs/heads/{branch}\n").into(), f);
    let _ = ctx.fs.write_file(
        "/",
        &format!("{git}/refs/heads/{branch}"),
        format!("{:016x}{:016x}{:08x}\n", seed, seed.rotate_left(17), seed as u32).into(),
        f,
    );
    let _ = ctx.fs.write_file(
        "/",
        &format!("{git}/objects/pack/pack-{seed:016x}.pack"),
        Content::synthetic(pack, seed, &format!("git pack of {raw}")),
        Meta { mode: 0o444, ..meta },
    );
    if ctx.allow(pack as usize) < pack as usize {
        return 128;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::programs::Network;
    use crate::shell::Budget;
    use crate::vfs::Tree;

    fn git(t: &mut Tree, net: Network, args: &[&str]) -> (i32, String) {
        let (mut o, mut e, mut b) = (Vec::new(), Vec::new(), Budget::default());
        let mut ctx = Ctx::new(t, b"", &mut o, &mut e, &mut b);
        ctx.network = net;
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let code = clone(&mut ctx, &args);
        (code, String::from_utf8_lossy(&e).into_owned())
    }

    #[test]
    fn clones_a_working_tree_and_history() {
        let mut t = Tree::new();
        assert_eq!(
            git(&mut t, Network::default(), &["--depth", "1", "https://github.com/redis/redis.git"]),
            (0, "Cloning into 'redis'...\n".into())
        );
        assert!(t.get("/redis/src/Makefile").is_some());
        assert!(t.get("/redis/.git/HEAD").is_some());
        let (code, err) = git(&mut t, Network::default(), &["https://github.com/redis/redis.git"]);
        assert_eq!(
            (code, err.as_str()),
            (128, "fatal: destination path 'redis' already exists and is not an empty directory.\n")
        );
    }

    #[test]
    fn unreachable_hosts_fail() {
        let mut t = Tree::new();
        let (code, err) = git(&mut t, Network::none(), &["https://github.com/a/b.git", "src"]);
        assert_eq!(code, 128);
        assert_eq!(err, "Cloning into 'src'...\nfatal: unable to access 'https://github.com/a/b.git/': Could not resolve host: github.com\n");
    }
}
