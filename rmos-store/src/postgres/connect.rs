//! Reaching the server of a PostgreSQL ledger: the URL, the credentials (from the URL, `PGPASSWORD` or a
//! password file, as libpq users expect), the redacted form every message uses, and the session settings
//! every connection gets.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use postgres::config::Host;
use postgres::{Client, Config, NoTls};

use crate::error::LedgerError;

/// How long a connection attempt may take unless the URL says (`connect_timeout=`).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Whether `location` names a PostgreSQL server rather than a file: it starts with `postgresql://` or
/// `postgres://` (the schemes libpq reads).
pub fn is_postgres_url(location: &str) -> bool {
    ["postgresql://", "postgres://"].iter().any(|scheme| {
        location
            .get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    })
}

/// `url` with every password taken out: the user info keeps only the user, and a `password=` query
/// parameter is dropped. What every message and `Debug` output shows instead of the URL.
///
/// ```
/// use rmos_store::redact_url;
/// assert_eq!(
///     redact_url("postgresql://rmos:s3cret@db.shop:5433/ledger?password=x&sslmode=disable"),
///     "postgresql://rmos@db.shop:5433/ledger?sslmode=disable"
/// );
/// ```
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "(an address that is not a url)".to_owned();
    };
    let (before_query, query) = match rest.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (rest, None),
    };
    let (authority, path) = match before_query.split_once('/') {
        Some((authority, path)) => (authority, format!("/{path}")),
        None => (before_query, String::new()),
    };
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, hosts)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{user}@{hosts}")
        }
        None => authority.to_owned(),
    };
    let mut out = format!("{scheme}://{authority}{path}");
    if let Some(query) = query {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| {
                let key = pair.split('=').next().unwrap_or("");
                !key.eq_ignore_ascii_case("password") && !pair.is_empty()
            })
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    out
}

/// A parsed server address with its credentials resolved, ready to connect (and reconnect).
#[derive(Clone)]
pub(crate) struct Target {
    pub(crate) config: Config,
    /// The redacted URL, for messages.
    pub(crate) location: String,
    /// The password in use, so that no message can carry it even when a server or library echoes it.
    secret: Option<String>,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target")
            .field("location", &self.location)
            .finish_non_exhaustive()
    }
}

/// Where credentials come from besides the URL: what libpq reads from the environment.
#[derive(Debug, Clone, Default)]
pub(crate) struct Environment {
    /// `PGPASSWORD`.
    pub(crate) password: Option<String>,
    /// `PGPASSFILE`, or `~/.pgpass`.
    pub(crate) passfile: Option<PathBuf>,
    /// `PGUSER`, or the login name, for a URL without a user.
    pub(crate) user: Option<String>,
}

impl Environment {
    /// Reads the process environment.
    pub(crate) fn from_process() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let passfile = var("PGPASSFILE")
            .map(PathBuf::from)
            .or_else(|| var("HOME").map(|home| Path::new(&home).join(".pgpass")));
        Self {
            password: var("PGPASSWORD"),
            passfile,
            user: var("PGUSER").or_else(|| var("USER")).or_else(|| var("LOGNAME")),
        }
    }
}

impl Target {
    /// Parses `url` and resolves its password: from the URL, else `PGPASSWORD`, else the first matching
    /// line of the password file (which must not be readable by group or others, as libpq requires).
    pub(crate) fn resolve(url: &str, env: &Environment) -> Result<Self, LedgerError> {
        let location = redact_url(url);
        let bad = |reason: String| LedgerError::BadLocation {
            location: location.clone(),
            reason,
        };
        let url_secret = url_password(url);
        let mut config = Config::from_str(url).map_err(|e| {
            bad(scrub(
                &format!("not a postgresql url: {e}").to_lowercase(),
                url_secret.as_deref(),
            ))
        })?;
        if config.get_user().is_none() {
            let user = env
                .user
                .clone()
                .ok_or_else(|| bad("the url names no user, and neither PGUSER nor USER is set".into()))?;
            config.user(&user);
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("rmos-store");
        }
        let mut secret = config
            .get_password()
            .map(|p| String::from_utf8_lossy(p).into_owned());
        if secret.is_none() {
            secret = match &env.password {
                Some(p) => Some(p.clone()),
                None => match &env.passfile {
                    Some(file) => passfile_password(file, &config).map_err(bad)?,
                    None => None,
                },
            };
            if let Some(p) = &secret {
                config.password(p.as_bytes());
            }
        }
        Ok(Self {
            config,
            location,
            secret,
        })
    }

    /// Connects and sets up the session: `synchronous_commit = on` whatever the server's default (an
    /// append returns only once its commit is on the server's disk), UTC, and read-only transactions when
    /// `read_only`.
    pub(crate) fn connect(&self, read_only: bool) -> Result<Client, LedgerError> {
        let mut client = self.config.connect(NoTls).map_err(|e| self.error(&e))?;
        let mut setup = String::from("SET synchronous_commit = on; SET TIME ZONE 'UTC';");
        if read_only {
            setup.push_str(" SET default_transaction_read_only = on;");
        }
        client.batch_execute(&setup).map_err(|e| self.error(&e))?;
        Ok(client)
    }

    /// Classifies a failure of the server or of the connection, the password scrubbed from its text.
    pub(crate) fn error(&self, err: &postgres::Error) -> LedgerError {
        crate::postgres::errors::classify(err, &self.location, |text| scrub(text, self.secret.as_deref()))
    }
}

/// `text` with every occurrence of `secret` replaced.
pub(crate) fn scrub(text: &str, secret: Option<&str>) -> String {
    match secret {
        Some(secret) if !secret.is_empty() => text.replace(secret, "***"),
        _ => text.to_owned(),
    }
}

/// The password of a URL's user info, as written (for scrubbing parse errors).
fn url_password(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?']).next()?;
    let (userinfo, _) = authority.rsplit_once('@')?;
    userinfo.split_once(':').map(|(_, p)| p.to_owned())
}

/// The password for `config`'s first host, port, database and user in the libpq password file `file`:
/// `None` when the file is missing or no line matches. A file that group or others may read is refused,
/// as libpq refuses it.
fn passfile_password(file: &Path, config: &Config) -> Result<Option<String>, String> {
    let meta = match std::fs::metadata(file) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(format!(
                "password file {}: {}",
                file.display(),
                e.to_string().to_lowercase()
            ))
        }
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(format!(
                "password file {} has mode {mode:04o}: it must be readable by its owner only (chmod 0600)",
                file.display()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let text = std::fs::read_to_string(file).map_err(|e| {
        format!(
            "password file {}: {}",
            file.display(),
            e.to_string().to_lowercase()
        )
    })?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(name)) => name.clone(),
        Some(Host::Unix(_)) | None => "localhost".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432).to_string();
    let user = config.get_user().unwrap_or("");
    let dbname = config.get_dbname().unwrap_or(user);
    Ok(pgpass_lookup(&text, &[&host, &port, dbname, user]))
}

/// The password of the first line of a password file whose four fields match `wanted` (`*` matches
/// anything; `\` escapes `:` and `\`); comment lines start with `#`.
fn pgpass_lookup(text: &str, wanted: &[&str; 4]) -> Option<String> {
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = split_pgpass_line(line);
        let [host, port, db, user, password] = fields.as_slice() else {
            continue;
        };
        let matches = [host, port, db, user]
            .iter()
            .zip(wanted)
            .all(|(field, want)| field.as_str() == "*" || field.as_str() == *want);
        if matches {
            return Some(password.clone());
        }
    }
    None
}

/// A password file line's fields: split at unescaped `:`, escapes removed; the fifth field takes the rest.
fn split_pgpass_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(field)) = (chars.next(), fields.last_mut()) {
                    field.push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            other => {
                if let Some(field) = fields.last_mut() {
                    field.push(other);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_pick_the_server_and_paths_stay_files() {
        assert!(is_postgres_url("postgresql://u@h/db"));
        assert!(is_postgres_url("postgres://u@h/db"));
        assert!(is_postgres_url("PostgreSQL://u@h/db"));
        assert!(!is_postgres_url("postgresql.rmos"));
        assert!(!is_postgres_url("/srv/postgres://x"));
        assert!(!is_postgres_url("out/shop.rmos"));
    }

    #[test]
    fn redaction_drops_every_password() {
        assert_eq!(redact_url("postgres://u:p@h/db"), "postgres://u@h/db");
        assert_eq!(
            redact_url("postgresql://u:p:q@h1,h2:5/db"),
            "postgresql://u@h1,h2:5/db"
        );
        assert_eq!(redact_url("postgresql://u:p%40x@h"), "postgresql://u@h");
        assert_eq!(redact_url("postgresql://h/db?PassWord=p"), "postgresql://h/db");
        assert_eq!(
            redact_url("postgresql://h/db?a=1&password=p&b=2"),
            "postgresql://h/db?a=1&b=2"
        );
        assert_eq!(redact_url("u:p@h"), "(an address that is not a url)");
    }

    #[test]
    fn the_url_password_wins_then_pgpassword_then_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(
            &file,
            "# shop\nother:*:*:*:no\n127.0.0.1:5433:ledger:rmos:from\\:file\n",
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let mut env = Environment {
            password: None,
            passfile: Some(file.clone()),
            user: Some("nobody".into()),
        };
        let url = "postgresql://rmos@127.0.0.1:5433/ledger";
        let target = Target::resolve(url, &env).unwrap();
        assert_eq!(target.secret.as_deref(), Some("from:file"));
        assert_eq!(target.config.get_password(), Some(&b"from:file"[..]));
        env.password = Some("from-env".into());
        assert_eq!(
            Target::resolve(url, &env).unwrap().secret.as_deref(),
            Some("from-env")
        );
        let with = Target::resolve("postgresql://rmos:in-url@127.0.0.1:5433/ledger", &env).unwrap();
        assert_eq!(with.secret.as_deref(), Some("in-url"));
        assert_eq!(with.location, "postgresql://rmos@127.0.0.1:5433/ledger");
        assert!(!format!("{with:?}").contains("in-url"));
        env.password = None;
        let other_db = Target::resolve("postgresql://rmos@127.0.0.1:5433/other", &env).unwrap();
        assert_eq!(other_db.secret, None);
        let no_user = Target::resolve("postgresql://127.0.0.1:5433/ledger", &env).unwrap();
        assert_eq!(no_user.config.get_user(), Some("nobody"));
    }

    #[cfg(unix)]
    #[test]
    fn a_password_file_others_can_read_is_refused_naming_it() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(&file, "*:*:*:*:secret\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let env = Environment {
            passfile: Some(file.clone()),
            ..Environment::default()
        };
        let err = Target::resolve("postgresql://rmos@h/db", &env).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("mode 0644"), "{text}");
        assert!(text.contains(&file.display().to_string()), "{text}");
        assert!(!text.contains("secret"), "{text}");
    }

    #[test]
    fn a_bad_url_is_a_typed_error_without_its_password() {
        let err =
            Target::resolve("postgresql://u:hunter2@h:notaport/db", &Environment::default()).unwrap_err();
        assert!(matches!(err, LedgerError::BadLocation { .. }), "{err:?}");
        assert!(!err.to_string().contains("hunter2"), "{err}");
        assert!(!format!("{err:?}").contains("hunter2"), "{err:?}");
    }

    #[test]
    fn pgpass_fields_unescape() {
        assert_eq!(
            split_pgpass_line(r"h:5432:d\:b:u:p\\w:x"),
            vec!["h", "5432", "d:b", "u", r"p\w:x"]
        );
    }
}
