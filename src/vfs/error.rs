//! Filesystem errors, worded like the C library's messages that busybox prints.

use std::fmt;

/// Why a filesystem operation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FsError {
    /// ENOENT
    NotFound,
    /// ENOTDIR
    NotADirectory,
    /// EISDIR
    IsADirectory,
    /// EEXIST
    Exists,
    /// ENOTEMPTY
    NotEmpty,
    /// ELOOP
    Loop,
    /// EINVAL (for example renaming a directory into itself)
    Invalid,
    /// EBUSY (removing or renaming the root)
    Busy,
    /// ENAMETOOLONG (a path longer than [`super::PATH_MAX`])
    NameTooLong,
    /// EROFS (a change below a read-only mount, see [`super::Tree::set_read_only`])
    ReadOnly,
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FsError::NotFound => "No such file or directory",
            FsError::NotADirectory => "Not a directory",
            FsError::IsADirectory => "Is a directory",
            FsError::Exists => "File exists",
            FsError::NotEmpty => "Directory not empty",
            FsError::Loop => "Symbolic link loop",
            FsError::Invalid => "Invalid argument",
            FsError::Busy => "Resource busy",
            FsError::NameTooLong => "File name too long",
            FsError::ReadOnly => "Read-only file system",
        })
    }
}

impl std::error::Error for FsError {}
