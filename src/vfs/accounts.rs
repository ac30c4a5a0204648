//! Users and groups as a filesystem's `/etc/passwd` and `/etc/group` describe them: the one
//! lookup the shell's applets, the builder's `USER` and `--chown`, and containers share.

use super::Tree;

/// One `/etc/passwd` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct User {
    /// Login name.
    pub name: String,
    /// User id.
    pub uid: u32,
    /// Primary group id.
    pub gid: u32,
    /// Home directory.
    pub home: String,
}

fn read_text(fs: &Tree, p: &str) -> String {
    fs.read("/", p).map(|c| String::from_utf8_lossy(&c.bytes()).into_owned()).unwrap_or_default()
}

/// Every user in `/etc/passwd`.
pub fn users(fs: &Tree) -> Vec<User> {
    read_text(fs, "/etc/passwd")
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() >= 6).then(|| User {
                name: f[0].into(),
                uid: f[2].parse().unwrap_or(0),
                gid: f[3].parse().unwrap_or(0),
                home: f[5].into(),
            })
        })
        .collect()
}

/// Every group in `/etc/group`: (name, gid, members).
pub fn groups(fs: &Tree) -> Vec<(String, u32, Vec<String>)> {
    read_text(fs, "/etc/group")
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() >= 3).then(|| {
                let members = f
                    .get(3)
                    .map(|m| m.split(',').filter(|s| !s.is_empty()).map(String::from).collect())
                    .unwrap_or_default();
                (f[0].to_string(), f[2].parse().unwrap_or(0), members)
            })
        })
        .collect()
}

/// The name of a user id.
pub fn user_name(fs: &Tree, uid: u32) -> Option<String> {
    users(fs).into_iter().find(|u| u.uid == uid).map(|u| u.name)
}

/// The name of a group id.
pub fn group_name(fs: &Tree, gid: u32) -> Option<String> {
    groups(fs).into_iter().find(|g| g.1 == gid).map(|g| g.0)
}

/// A user by name or number; a number without an entry is a user of that id (group the
/// same, home `/`), as runc takes it.
pub fn find_user(fs: &Tree, spec: &str) -> Option<User> {
    let all = users(fs);
    all.iter().find(|u| u.name == spec).cloned().or_else(|| {
        let n: u32 = spec.parse().ok()?;
        Some(all.into_iter().find(|u| u.uid == n).unwrap_or(User {
            name: spec.into(),
            uid: n,
            gid: n,
            home: "/".into(),
        }))
    })
}

/// A group id by name or number.
pub fn find_group(fs: &Tree, spec: &str) -> Option<u32> {
    groups(fs).into_iter().find(|g| g.0 == spec).map(|g| g.1).or_else(|| spec.parse().ok())
}

/// Who a `USER` / `--user` / `--chown` value (`user[:group]`, names or ids) names:
/// (uid, gid, home), with runc's errors for names that are not there. Empty is root.
pub fn resolve(fs: &Tree, spec: &str) -> Result<(u32, u32, String), String> {
    if spec.is_empty() {
        return Ok((0, 0, "/root".into()));
    }
    let (u, g) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let user =
        find_user(fs, u).ok_or_else(|| format!("unable to find user {u}: no matching entries in passwd file"))?;
    let gid = match g {
        Some(g) => {
            find_group(fs, g).ok_or_else(|| format!("unable to find group {g}: no matching entries in group file"))?
        }
        None => user.gid,
    };
    Ok((user.uid, gid, user.home))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::Meta;

    #[test]
    fn lookups_by_name_and_number() {
        let mut t = Tree::new();
        t.mkdir_all("/", "/etc", Meta::root(0o755)).unwrap();
        t.write_file(
            "/",
            "/etc/passwd",
            "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001::/home/app:/bin/sh\n".into(),
            Meta::root(0o644),
        )
        .unwrap();
        t.write_file("/", "/etc/group", "root:x:0:\nstaff:x:50:app\napp:x:1001:\n".into(), Meta::root(0o644)).unwrap();
        assert_eq!(resolve(&t, "").unwrap(), (0, 0, "/root".into()));
        assert_eq!(resolve(&t, "app").unwrap(), (1000, 1001, "/home/app".into()));
        assert_eq!(resolve(&t, "1000:staff").unwrap(), (1000, 50, "/home/app".into()));
        assert_eq!(resolve(&t, "4242:7").unwrap(), (4242, 7, "/".into()));
        assert_eq!(
            resolve(&t, "nobody").unwrap_err(),
            "unable to find user nobody: no matching entries in passwd file"
        );
        assert_eq!(
            resolve(&t, "app:wheel").unwrap_err(),
            "unable to find group wheel: no matching entries in group file"
        );
        assert_eq!((user_name(&t, 1000), group_name(&t, 50)), (Some("app".into()), Some("staff".into())));
        assert_eq!(groups(&t)[1].2, vec!["app".to_string()]);
    }
}
