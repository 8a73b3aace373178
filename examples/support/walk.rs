//! The files under a folder, sorted: shared by the profiling examples (`#[path]`-included,
//! since examples cannot depend on one another).

/// Every file below `dir`, in path order.
pub fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}
