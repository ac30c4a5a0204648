//! The nesting budget: how deep the interpreter may recurse (parsing nested `(`, `if`,
//! `$(`, `${…:-…}`, arithmetic parentheses; running nested commands, functions, `eval` and
//! `.`), so that a runaway recursion ends in a "too deep" error instead of overflowing
//! the stack (the page's wasm stack is 1 MiB).
//!
//! Two measures, checked by [`enter`]: the number of levels, and the stack the levels
//! take since the outermost one (frames differ widely between debug and release builds,
//! so the bytes are what protects the stack).

use std::cell::Cell;

/// The deepest nesting allowed. Real scripts nest a few dozen levels.
pub const MAX_DEPTH: usize = 1000;

/// Stack bytes the nested levels may use (the page's wasm stack is 1 MiB in all; native
/// threads have at least 2 MiB).
#[cfg(target_arch = "wasm32")]
pub const MAX_STACK: usize = 384 * 1024;
/// Stack bytes the nested levels may use (the page's wasm stack is 1 MiB in all; native
/// threads have at least 2 MiB).
#[cfg(not(target_arch = "wasm32"))]
pub const MAX_STACK: usize = 1024 * 1024;

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    static BASE: Cell<usize> = const { Cell::new(0) };
}

/// One level of nesting, released on drop.
#[must_use]
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Enters one more level; `None` when [`MAX_DEPTH`] levels or [`MAX_STACK`] bytes of
/// stack are reached.
pub fn enter() -> Option<Guard> {
    let marker = 0u8;
    let here = std::hint::black_box(&marker) as *const u8 as usize;
    DEPTH.with(|d| {
        BASE.with(|b| {
            if d.get() == 0 {
                b.set(here);
            }
            if d.get() >= MAX_DEPTH || b.get().abs_diff(here) > MAX_STACK {
                return None;
            }
            d.set(d.get() + 1);
            Some(Guard(()))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_counted_and_released() {
        let guards: Vec<Guard> = (0..MAX_DEPTH).map(|_| enter().expect("within the budget")).collect();
        assert!(enter().is_none());
        drop(guards);
        assert!(enter().is_some());
    }
}
