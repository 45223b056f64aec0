//! Tests of how a site's files are found and read.

use super::*;

#[test]
fn ignores_editor_leftovers() {
    for name in [".ana.md.swp", "#ana.md#", "ana.md~", ".hidden", "4913.tmp"] {
        assert!(is_ignored_name(name), "{name}");
    }
    assert!(!is_ignored_name("ana-1742.md"));
}

#[test]
fn the_site_is_found_from_any_folder_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    fs::create_dir_all(site.join("wraps/2026/11")).unwrap();
    fs::write(site.join(CONFIG_FILE), "").unwrap();
    assert_eq!(discover(&site), Some(PathBuf::from(".")));
    assert_eq!(discover(&site.join("wraps")), Some(PathBuf::from("..")));
    assert_eq!(
        discover(&site.join("wraps/2026/11")),
        Some(PathBuf::from("../../.."))
    );
    assert_eq!(discover(dir.path()), None);
}

#[cfg(unix)]
#[test]
fn symlinks_are_skipped_with_a_warning() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.md"), "secret").unwrap();
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    fs::create_dir_all(root.join("wraps/2026")).unwrap();
    fs::write(root.join("wraps/2026/a.md"), "a").unwrap();
    symlink(
        outside.path().join("secret.md"),
        root.join("wraps/2026/b.md"),
    )
    .unwrap();
    symlink(outside.path(), root.join("wraps/linked")).unwrap();
    symlink(outside.path(), root.join("static")).unwrap();
    let site = SiteDir::new(root);

    let mut d = Diagnostics::new();
    let files = site.markdown_under(WRAPS_DIR, &mut d);
    assert_eq!(files, [root.join("wraps/2026/a.md")]);
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d.iter().all(|x| x.code == Code::SkippedSymlink));

    let mut d = Diagnostics::new();
    assert!(site.files_under(STATIC_DIR, &mut d).is_empty());
    assert_eq!(d.len(), 1);

    let mut d = Diagnostics::new();
    assert!(
        site.read_source(&root.join("wraps/2026/b.md"), &mut d)
            .is_none()
    );
    assert_eq!(d.iter().next().unwrap().code, Code::SkippedSymlink);

    assert!(site.is_plain_path(&root.join("wraps/2026/a.md")));
    assert!(!site.is_plain_path(&root.join("wraps/linked/secret.md")));
    assert!(!site.is_plain_path(&root.join("wraps/2026/b.md")));
    assert!(!site.is_plain_path(&root.join("wraps/../static/x")));

    assert_eq!(site.entry_at("wraps/2026/a.md"), Entry::File);
    assert_eq!(site.entry_at("wraps/2026"), Entry::Folder);
    assert_eq!(site.entry_at(""), Entry::Folder);
    assert_eq!(site.entry_at("wraps/2026/nothing.md"), Entry::Missing);
    assert_eq!(site.entry_at("wraps/2026/b.md"), Entry::Symlink);
    assert_eq!(site.entry_at("wraps/linked/secret.md"), Entry::Symlink);
}
