//! Profiles of a config file: which settings win (flag > environment > profile > built-in
//! default, for each setting), the key from a file (warned about when others can read it) or from
//! a command (whose output is never shown when it fails), `hec profiles`, and `--all-profiles`
//! against two mock tenants, one of which may fail.

use hec_fixtures::mock::{Fault, FaultRule, MockGateway};

use crate::acts_support::{EVENT_QUERY, SCOPES, SEARCH, answer, entity, event, hex_id, script};
use crate::support::{Hec, TempFile, hec};

/// The tenants' credentials (made up).
const ACME_ID: &str = "acme-client-0001";
const ACME_KEY: &str = "acme-key-made-up-0001";
const BETA_ID: &str = "beta-client-0002";
const BETA_KEY: &str = "beta-key-made-up-0002";

/// A mock tenant that accepts `id` and `key`.
fn tenant(id: &str, key: &str) -> MockGateway {
    MockGateway::builder().credentials(id, key).start()
}

/// A key file holding `key`, readable by its owner only (`mode` otherwise).
fn key_file(key: &str, mode: u32) -> TempFile {
    let file = TempFile::with(&format!("{key}\n"));
    set_mode(&file, mode);
    file
}

#[cfg(unix)]
fn set_mode(file: &TempFile, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&file.0, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(not(unix))]
fn set_mode(_file: &TempFile, _mode: u32) {}

/// A `[profiles.NAME]` table for `mock` with `client_id` and the key line `key` (e.g.
/// `access_key_file = "..."`).
fn table(name: &str, mock: &MockGateway, client_id: &str, key: &str) -> String {
    format!("[profiles.{name}]\nbase_url = \"{}\"\nclient_id = \"{client_id}\"\n{key}\n\n", mock.base_url())
}

fn file_key(file: &TempFile) -> String {
    format!("access_key_file = \"{}\"", file.path())
}

/// `hec` with the config file `config` and the tenants' keys as secrets.
fn with_config(config: &TempFile, args: &[&str]) -> Hec {
    hec(&["--config", config.path()]).args(args).secret(ACME_KEY).secret(BETA_KEY)
}

/// Two tenants (acme, beta) with their key files, and a config file naming both.
struct Two {
    acme: MockGateway,
    beta: MockGateway,
    config: TempFile,
    _keys: [TempFile; 2],
}

/// [`Two`], beta's key file holding `beta_key`.
fn two(beta_key: &str) -> Two {
    let (acme, beta) = (tenant(ACME_ID, ACME_KEY), tenant(BETA_ID, BETA_KEY));
    let keys = [key_file(ACME_KEY, 0o600), key_file(beta_key, 0o600)];
    let config = TempFile::with(&format!(
        "default_profile = \"acme\"\n\n{}{}",
        table("acme", &acme, ACME_ID, &file_key(&keys[0])),
        table("beta", &beta, BETA_ID, &file_key(&keys[1]))
    ));
    Two { acme, beta, config, _keys: keys }
}

// ---- which settings win ---------------------------------------------------------------------

#[test]
fn the_gateway_is_the_flags_else_the_environments_else_the_profiles() {
    let (profile, env, flag) = (MockGateway::start(), MockGateway::start(), MockGateway::start());
    let key = key_file(profile.access_key(), 0o600);
    let config = TempFile::with(&table("p", &profile, profile.client_id(), &file_key(&key)));
    let scopes = |mock: &MockGateway| mock.requests_to(SCOPES).len();

    let run = with_config(&config, &["--profile", "p", "scopes"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!((scopes(&profile), scopes(&env), scopes(&flag)), (1, 0, 0));

    let run = with_config(&config, &["--profile", "p", "scopes"]).env("HEC_BASE_URL", &env.base_url()).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!((scopes(&profile), scopes(&env), scopes(&flag)), (1, 1, 0));

    let run = with_config(&config, &["--profile", "p", "scopes", "--base-url", &flag.base_url()])
        .env("HEC_BASE_URL", &env.base_url())
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!((scopes(&profile), scopes(&env), scopes(&flag)), (1, 1, 1));
}

#[test]
fn the_client_id_is_the_flags_else_the_environments_else_the_profiles() {
    let two = two(BETA_KEY);
    let run = with_config(&two.config, &["scopes"]).run();
    assert_eq!(run.code, 0, "the profile's client id: {run:?}");
    let run = with_config(&two.config, &["scopes"]).env("HEC_CLIENT_ID", "wrong-client").run();
    assert_eq!(run.code, 3, "the environment's beats the profile's: {run:?}");
    let run = with_config(&two.config, &["scopes", "--client-id", ACME_ID])
        .env("HEC_CLIENT_ID", "wrong-client")
        .run();
    assert_eq!(run.code, 0, "the flag's beats the environment's: {run:?}");
    assert_eq!(two.acme.requests_to(SCOPES).len(), 2);
    assert_eq!(two.beta.requests().len(), 0, "beta is not the default profile");
}

#[test]
fn the_access_key_is_the_flags_else_the_environments_else_the_profiles() {
    let two = two(BETA_KEY);
    let run = with_config(&two.config, &["scopes"]).env("HEC_ACCESS_KEY", "wrong-key-made-up").run();
    assert_eq!(run.code, 3, "the environment's beats the profile's: {run:?}");
    let right = key_file(ACME_KEY, 0o600);
    let run = with_config(&two.config, &["scopes", "--access-key-file", right.path()])
        .env("HEC_ACCESS_KEY", "wrong-key-made-up")
        .run();
    assert_eq!(run.code, 0, "the flag's beats the environment's: {run:?}");

    // A profile's command runs only when its key is the one used.
    let mock = tenant(ACME_ID, ACME_KEY);
    let marker = TempFile::with("");
    std::fs::remove_file(&marker.0).expect("the marker is gone");
    let command = format!("access_key_command = \"touch {}; printf wrong-key-made-up\"", marker.path());
    let config = TempFile::with(&table("c", &mock, ACME_ID, &command));
    let run = with_config(&config, &["--profile", "c", "scopes"]).access_key(ACME_KEY).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!marker.0.exists(), "the command ran though HEC_ACCESS_KEY gave the key");
    let run = with_config(&config, &["--profile", "c", "scopes"]).run();
    assert_eq!(run.code, 3, "the command's (wrong) key is used without HEC_ACCESS_KEY: {run:?}");
    assert!(marker.0.exists(), "the command ran");
}

#[test]
fn the_profile_is_the_flags_else_the_environments_else_the_default() {
    let two = two(BETA_KEY);
    let asked = |two: &Two| (two.acme.requests_to(SCOPES).len(), two.beta.requests_to(SCOPES).len());
    assert_eq!(with_config(&two.config, &["scopes"]).run().code, 0);
    assert_eq!(asked(&two), (1, 0), "default_profile");
    assert_eq!(with_config(&two.config, &["scopes"]).env("HEC_PROFILE", "beta").run().code, 0);
    assert_eq!(asked(&two), (1, 1), "HEC_PROFILE beats default_profile");
    let run = with_config(&two.config, &["scopes", "--profile", "acme"]).env("HEC_PROFILE", "beta").run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(asked(&two), (2, 1), "--profile beats HEC_PROFILE");
}

#[test]
fn without_a_profile_the_built_in_default_is_no_gateway() {
    let config = TempFile::with("# no profiles yet\n");
    let run = with_config(&config, &["scopes"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.starts_with("error: no gateway: set HEC_REGION (or --region)"), "{run:?}");
}

#[test]
fn an_unknown_profile_exits_2_naming_it_and_the_known_ones() {
    let two = two(BETA_KEY);
    let run = with_config(&two.config, &["scopes", "--profile", "gamma"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "error: unknown profile \"gamma\" (named by --profile or HEC_PROFILE); the profiles in \"{}\": acme, beta\n",
            two.config.path()
        )
    );
    assert_eq!(two.acme.requests().len() + two.beta.requests().len(), 0);
}

// ---- the config file ------------------------------------------------------------------------

#[test]
fn a_key_in_the_config_file_is_refused_without_being_shown() {
    let config = TempFile::with(
        "[profiles.a]\nregion = \"eu\"\nclient_id = \"c\"\naccess_key = \"inline-key-made-up\"\n",
    );
    let run = with_config(&config, &["scopes"]).secret("inline-key-made-up").run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.starts_with(&format!(
            "error: the config file \"{}\": line 4: profile \"a\": `access_key` is refused: ",
            config.path()
        )),
        "{run:?}"
    );
}

#[test]
fn an_unknown_field_names_the_file_line_and_field() {
    let config = TempFile::with("[profiles.a]\nregion = \"eu\"\nclient = \"c\"\n");
    let run = with_config(&config, &["profiles"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.starts_with(&format!(
            "error: the config file \"{}\": line 3: unknown field `client`, expected one of",
            config.path()
        )),
        "{run:?}"
    );
}

#[test]
fn a_named_config_file_must_exist_but_the_default_one_need_not() {
    let missing = std::env::temp_dir().join("hec-cli-test-no-such-config.toml");
    let missing = missing.to_str().expect("UTF-8");
    let run = hec(&["profiles", "--config", missing]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        format!("error: the config file \"{missing}\" does not exist (named by --config or HEC_CONFIG)\n")
    );
    let run = hec(&["profiles"]).env("HEC_CONFIG", missing).run();
    assert_eq!(run.code, 2, "{run:?}");
    let run = hec(&["profiles"]).run();
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{run:?}");
    assert!(run.stderr.starts_with("note: no profiles"), "{run:?}");
}

#[test]
fn the_default_config_file_is_under_xdg_config_home() {
    let two = two(BETA_KEY);
    let home = std::env::temp_dir().join(format!("hec-cli-test-xdg-{}", std::process::id()));
    std::fs::create_dir_all(home.join("hec")).expect("a config folder");
    std::fs::copy(&two.config.0, home.join("hec").join("config.toml")).expect("the config file");
    let run = hec(&["scopes"]).env("XDG_CONFIG_HOME", home.to_str().expect("UTF-8")).secret(ACME_KEY).run();
    std::fs::remove_dir_all(&home).expect("cleaned up");
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(two.acme.requests_to(SCOPES).len(), 1);
}

// ---- where the key comes from ---------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_key_file_others_can_read_is_warned_about_and_still_used() {
    let mock = tenant(ACME_ID, ACME_KEY);
    let key = key_file(ACME_KEY, 0o644);
    let config = TempFile::with(&table("acme", &mock, ACME_ID, &file_key(&key)));
    let run = with_config(&config, &["scopes", "--profile", "acme"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "warning: profile \"acme\": the access key file \"{0}\" can be read or written by others than its \
             owner (mode 644); fix it with: chmod 600 {0}\n",
            key.path()
        )
    );
    let run = with_config(&config, &["scopes", "--profile", "acme", "--quiet"]).run();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    set_mode(&key, 0o600);
    let run = with_config(&config, &["scopes", "--profile", "acme"]).run();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
}

#[test]
fn an_access_key_command_gives_the_key() {
    let mock = tenant(ACME_ID, ACME_KEY);
    script(&mock, SCOPES, vec![answer(r#"["farm-a:acme"]"#, None)]);
    let command = format!("access_key_command = \"echo progress >&2; printf '  {ACME_KEY}\\\\n'\"");
    let config = TempFile::with(&table("acme", &mock, ACME_ID, &command));
    let run = with_config(&config, &["scopes", "--profile", "acme"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "farm-a:acme\n");
    assert_eq!(run.stderr, "", "the command's stderr is not passed on");
}

#[test]
fn a_failing_access_key_command_is_reported_without_its_output() {
    let mock = tenant(ACME_ID, ACME_KEY);
    let fake = "fake-key-printed-then-exit-1";
    let command = format!("access_key_command = \"echo {fake}; echo {fake}-on-stderr >&2; exit 1\"");
    let config = TempFile::with(&table("acme", &mock, ACME_ID, &command));
    let run = with_config(&config, &["scopes", "--profile", "acme"]).secret(fake).run();
    assert_eq!(run.code, 3, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: profile \"acme\": access_key_command failed (exit status 1); its output is not shown\n"
    );
    assert_eq!(run.stdout, "");
    assert_eq!(mock.requests().len(), 0, "nothing is sent without a key");

    let run = with_config(&config, &["scopes", "--profile", "acme", "-o", "json"]).secret(fake).run();
    assert_eq!(run.code, 3, "{run:?}");
    assert_eq!(run.json_lines()[0]["error"]["kind"], "credentials");
}

// ---- hec profiles ---------------------------------------------------------------------------

#[test]
fn profiles_lists_one_per_line_without_keys() {
    let mock = tenant(ACME_ID, ACME_KEY);
    let key = key_file(ACME_KEY, 0o600);
    let config = TempFile::with(&format!(
        "default_profile = \"beta\"\n{}[profiles.beta]\nregion = \"eu\"\nclient_id = \"{BETA_ID}\"\naccess_key_command = \"printf {BETA_KEY}\"\n",
        table("acme", &mock, ACME_ID, &file_key(&key))
    ));
    let run = with_config(&config, &["profiles"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "acme\t{}\t{ACME_ID}\tfile {}\t-\nbeta\teu\t{BETA_ID}\tcommand\tdefault\n",
            mock.base_url(),
            key.path()
        )
    );
    let run = with_config(&config, &["profiles", "-o", "json"]).run();
    assert_eq!(
        run.json_lines(),
        [
            serde_json::json!({"name": "acme", "region": null, "baseUrl": mock.base_url(), "clientId": ACME_ID,
                               "keySource": "file", "keyFile": key.path(), "default": false}),
            serde_json::json!({"name": "beta", "region": "eu", "baseUrl": null, "clientId": BETA_ID,
                               "keySource": "command", "keyFile": null, "default": true}),
        ]
    );
    assert_eq!(mock.requests().len(), 0, "listing profiles sends nothing");
}

// ---- --all-profiles -------------------------------------------------------------------------

/// Scripts each tenant's search answer: acme has two e-mails, beta one.
fn script_mail(two: &Two) {
    let page = |ids: &[usize]| {
        let items: Vec<String> = ids.iter().map(|n| entity(&hex_id(*n), "Payroll", false)).collect();
        answer(&format!("[{}]", items.join(",")), None)
    };
    script(&two.acme, SEARCH, vec![page(&[1, 2])]);
    script(&two.beta, SEARCH, vec![page(&[3])]);
}

#[test]
fn all_profiles_searches_every_tenant_with_its_own_client() {
    let two = two(BETA_KEY);
    script_mail(&two);
    let run =
        with_config(&two.config, &["entity", "search", "--since", "7d", "--all-profiles", "-o", "ids"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, format!("acme\t{}\nacme\t{}\nbeta\t{}\n", hex_id(1), hex_id(2), hex_id(3)));
    assert_eq!(two.acme.tokens_issued(), 1, "acme's own client");
    assert_eq!(two.beta.tokens_issued(), 1, "beta's own client");

    script_mail(&two);
    let run = with_config(&two.config, &["entity", "search", "--since", "7d", "--all-profiles"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    let line = |profile: &str, n: usize| {
        format!(
            "{profile}\t{}\t2026-01-01T07:00:00Z\tpayroll@evil.example\tPayroll\tnot quarantined",
            hex_id(n)
        )
    };
    assert_eq!(run.stdout.lines().collect::<Vec<_>>(), [line("acme", 1), line("acme", 2), line("beta", 3)]);

    script_mail(&two);
    let run =
        with_config(&two.config, &["entity", "search", "--since", "7d", "--all-profiles", "-o", "json"])
            .run();
    let found: Vec<(String, String)> = run
        .json_lines()
        .iter()
        .map(|v| {
            (
                v["profile"].as_str().unwrap_or("?").to_owned(),
                v["entityInfo"]["entityId"].as_str().unwrap_or("?").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("acme".to_owned(), hex_id(1)), ("acme".to_owned(), hex_id(2)), ("beta".to_owned(), hex_id(3))]
    );
    assert!(run.stdout.starts_with("{\"profile\":\"acme\",\"entityInfo\":"), "the profile first: {run:?}");
}

#[test]
fn all_profiles_event_search_and_scopes_mark_each_result() {
    let two = two(BETA_KEY);
    script(&two.acme, EVENT_QUERY, vec![answer(&format!("[{}]", event("ev-a", "phishing", "4")), None)]);
    script(&two.beta, EVENT_QUERY, vec![answer(&format!("[{}]", event("ev-b", "malware", "5")), None)]);
    let run =
        with_config(&two.config, &["event", "search", "--since", "1d", "--all-profiles", "-o", "ids"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "acme\tev-a\nbeta\tev-b\n");

    for (mock, scopes) in [(&two.acme, r#"["f:a1","f:a2"]"#), (&two.beta, r#"["f:b"]"#)] {
        script(mock, SCOPES, vec![answer(scopes, None), answer(scopes, None)]);
    }
    let run = with_config(&two.config, &["scopes", "--all-profiles"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "acme\tf:a1\nacme\tf:a2\nbeta\tf:b\n");
    let run = with_config(&two.config, &["scopes", "--all-profiles", "-o", "json"]).run();
    assert_eq!(
        run.json_lines(),
        [
            serde_json::json!({"profile": "acme", "scopes": ["f:a1", "f:a2"]}),
            serde_json::json!({"profile": "beta", "scopes": ["f:b"]}),
        ]
    );
}

#[test]
fn a_failing_tenant_does_not_hide_the_others_results() {
    let two = two("wrong-key-made-up");
    script_mail(&two);
    let run =
        with_config(&two.config, &["entity", "search", "--since", "7d", "--all-profiles", "-o", "ids"]).run();
    assert_eq!(run.code, 3, "the largest code: {run:?}");
    assert_eq!(run.stdout, format!("acme\t{}\nacme\t{}\n", hex_id(1), hex_id(2)));
    assert!(run.stderr.starts_with("error: profile beta: "), "{run:?}");
    assert_eq!(run.stderr.lines().count(), 1, "{run:?}");

    // The first tenant failing leaves the second's results too.
    let (acme, beta) = (&two.acme, &two.beta);
    acme.fault(FaultRule::on_path(SEARCH).always().then(Fault::status(404)));
    let fixed = key_file(BETA_KEY, 0o600);
    let config = TempFile::with(&format!(
        "{}{}",
        table("acme", acme, ACME_ID, &file_key(&two._keys[0])),
        table("beta", beta, BETA_ID, &file_key(&fixed))
    ));
    let run =
        with_config(&config, &["entity", "search", "--since", "7d", "--all-profiles", "-o", "json"]).run();
    assert_eq!(run.code, 4, "{run:?}");
    let lines = run.json_lines();
    assert_eq!(lines.len(), 2, "{run:?}");
    assert_eq!(
        (&lines[0]["profile"], &lines[0]["error"]["status"]),
        (&serde_json::json!("acme"), &serde_json::json!(404))
    );
    assert_eq!(
        (&lines[1]["profile"], &lines[1]["entityInfo"]["entityId"]),
        (&serde_json::json!("beta"), &serde_json::json!(hex_id(3)))
    );
}

#[test]
fn auth_check_all_profiles_prints_one_line_per_tenant_and_the_largest_code() {
    let two = two("wrong-key-made-up");
    script(&two.acme, SCOPES, vec![answer(r#"["f:acme"]"#, None), answer(r#"["f:acme"]"#, None)]);
    let run = with_config(&two.config, &["auth", "check", "--all-profiles"]).run();
    assert_eq!(run.code, 3, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{run:?}");
    assert_eq!(
        lines[0],
        format!("acme\tok\tnone (a custom gateway URL)\t{}\t30m (1800 s)\tf:acme", two.acme.base_url())
    );
    assert!(lines[1].starts_with("beta\tfailed (exit 3)\t"), "{run:?}");

    let run = with_config(&two.config, &["auth", "check", "--all-profiles", "-o", "json"]).run();
    let lines = run.json_lines();
    assert_eq!(lines[0]["profile"], "acme");
    assert_eq!(lines[0]["scopes"], serde_json::json!(["f:acme"]));
    assert_eq!(lines[1]["profile"], "beta");
    assert_eq!(lines[1]["error"]["kind"], "bad_credentials");
}

#[test]
fn all_profiles_refuses_credentials_meant_for_one_tenant() {
    let two = two(BETA_KEY);
    let run = with_config(&two.config, &["scopes", "--all-profiles"]).access_key(ACME_KEY).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: --all-profiles uses each profile's own gateway and credentials; drop or unset HEC_ACCESS_KEY\n"
    );
    let run = with_config(&two.config, &["scopes", "--all-profiles", "--profile", "acme"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(two.acme.requests().len() + two.beta.requests().len(), 0);
}
