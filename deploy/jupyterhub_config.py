"""JupyterHub configuration for the medsome course: instructors and residents on one hub.

Start it with `jupyterhub -f deploy/jupyterhub_config.py`. Every setting a programme changes is
an environment variable (MEDSOME_HUB_*, listed in deploy/README.md and docs/deployment.md), so
this file stays the course's and a site keeps its own values in its service manager. A site's
own authentication (LTI, OAuth, LDAP) goes in the file MEDSOME_HUB_EXTRA_CONFIG names, loaded last.

- Users: members of the group `instructors` or `residents` (from the roster file, or from the
  authenticator when it manages groups, as LTI does); anyone else cannot start a server.
- Single-user environment: the course environment (the Python environment the hub runs in,
  unless MEDSOME_SINGLEUSER_BIN names another's bin/ folder).
- nbgrader: a shared exchange folder; residents get the assignment list, not the formgrader;
  instructors' servers open on the hub's course folder, with the formgrader at
  /user/<name>/formgrader (in its own browser tab: inside Lab its iframe is blank under
  JupyterHub >= 4.1, nbgrader #1870) and the gradebook at MEDSOME_GRADEBOOK_URL (PostgreSQL).
"""

import os
import sys
import tomllib
from pathlib import Path
from shutil import which

c = get_config()  # noqa: F821  (provided by traitlets when JupyterHub loads this file)

DEPLOY = Path(__file__).resolve().parent
SINGLEUSER_CONFIG = DEPLOY / "singleuser"
INSTRUCTORS, RESIDENTS = "instructors", "residents"


def setting(name: str, default: str = "") -> str:
    """The site's value of MEDSOME_HUB_<name> (or another MEDSOME_ variable), else the default."""
    return os.environ.get(name if name.startswith("MEDSOME_") else f"MEDSOME_HUB_{name}", default)


STATE = Path(setting("STATE_DIR", "/srv/medsome/hub")).resolve()
COURSE_ROOT = setting("MEDSOME_COURSE_ROOT", "/srv/medsome/course")
EXCHANGE_ROOT = setting("MEDSOME_EXCHANGE_ROOT", "/srv/nbgrader/exchange")
COURSE_ID = setting("MEDSOME_COURSE_ID", "medsome")
GRADEBOOK_URL = setting("MEDSOME_GRADEBOOK_URL")  # empty: SQLite in the course folder
GRADEBOOK_URL_FILE = setting("MEDSOME_GRADEBOOK_URL_FILE")  # or a file holding it, readable by instructors
STATE.mkdir(parents=True, exist_ok=True)

# --- The hub, its proxy and its own database ------------------------------------------------------
c.JupyterHub.bind_url = setting("BIND_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(setting("API_PORT", "8081"))
c.JupyterHub.db_url = setting("DB_URL", f"sqlite:///{STATE / 'jupyterhub.sqlite'}")
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{setting('PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
_proxy = setting("PROXY") or which("configurable-http-proxy") or str(
    DEPLOY.parent / ".hub-tools" / "node_modules" / ".bin" / "configurable-http-proxy")
c.ConfigurableHTTPProxy.command = [_proxy]
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every user's server

# --- Who may log in, and in which group ------------------------------------------------------------
c.JupyterHub.authenticator_class = setting("AUTHENTICATOR", "pam")
_roster_file = setting("ROSTER")
if _roster_file:
    roster = tomllib.loads(Path(_roster_file).read_text(encoding="utf-8"))
    members = {group: list(roster.get(group, [])) for group in (INSTRUCTORS, RESIDENTS)}
    c.JupyterHub.load_groups = {group: {"users": users} for group, users in members.items()}
    c.Authenticator.allowed_users = {user for users in members.values() for user in users}
    c.Authenticator.admin_users = set(roster.get("admins", []))

# An optional service with a token, for the programme's scripts (roster sync, scheduled grading,
# the end-to-end test): it may manage users, their servers and their tokens, nothing else.
_operator_token = setting("OPERATOR_TOKEN")
if _operator_token:
    c.JupyterHub.services = [{"name": "course-operator", "api_token": _operator_token}]
    c.JupyterHub.load_roles = [{
        "name": "course-operator",
        "scopes": ["admin:users", "admin:servers", "tokens", "read:groups", "access:servers"],
        "services": ["course-operator"],
    }]

# --- The single-user servers ------------------------------------------------------------------------
_env_bin = Path(setting("MEDSOME_SINGLEUSER_BIN", str(Path(sys.executable).parent)))
SERVER_COMMAND = [str(_env_bin / "jupyterhub-singleuser")]
LESSONS = setting("LESSONS", "course")  # residents' workspace in their home; empty: none
c.Spawner.cmd = SERVER_COMMAND
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = int(setting("SPAWN_TIMEOUT", "120"))
c.Spawner.start_timeout = int(setting("SPAWN_TIMEOUT", "120"))
c.Spawner.mem_limit = setting("MEM_LIMIT", "1G")  # enforced by container and systemd spawners
c.Spawner.cpu_limit = float(setting("CPU_LIMIT", "1"))
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "VIRTUAL_ENV", "MEDSOME_ROOT"]

if setting("SPAWNER", "system-users") == "shared-uid":
    # Every server runs as the hub's own user, in its own home folder. Residents are NOT isolated
    # from each other: for a test or a single-user container only (see docs/deployment.md).
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(Path(setting("HOMES", "/srv/medsome/homes"))
                                                        / "{username}")
    if os.geteuid() == 0:
        c.Spawner.args = ["--allow-root"]
else:
    # Each hub user is a Unix user of the same name: nbgrader's exchange then knows who submitted
    # by the files' owner, and residents cannot read each other's work.
    c.JupyterHub.spawner_class = "localprocess"


class NotEnrolled(Exception):
    """An account in neither group: it gets no server, and the hub shows it this message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.jupyterhub_message = message  # what JupyterHub shows instead of "Internal Server Error"


def role_of(groups: set[str]) -> str:
    """'instructor' or 'resident' by group; fail clearly for anyone in neither group."""
    if INSTRUCTORS in groups:
        return "instructor"
    if RESIDENTS in groups:
        return "resident"
    raise NotEnrolled(f"This account is in neither the '{INSTRUCTORS}' nor the '{RESIDENTS}' group of "
                      "the course: ask the course administrator to add it to the roster.")


def configure_server(spawner) -> None:
    """Before each server starts: its role, nbgrader's settings, and for instructors the course."""
    role = role_of({group.name for group in spawner.user.groups})
    config_path = [SINGLEUSER_CONFIG / role, SINGLEUSER_CONFIG / "common"]
    environment = {
        **spawner.environment,  # a copy: a configured dict is shared by every user's spawner
        "MEDSOME_HUB_ROLE": role,
        "MEDSOME_COURSE_ID": COURSE_ID,
        "MEDSOME_EXCHANGE_ROOT": EXCHANGE_ROOT,
        "JUPYTER_CONFIG_PATH": os.pathsep.join(str(p) for p in config_path if p.is_dir()),
    }
    if role == "resident" and LESSONS:
        # The lessons are refreshed in ~/<LESSONS> at each start (the resident's edits are kept).
        spawner.cmd = [str(_env_bin / "python"), "-m", "medsome.hub", "singleuser",
                       "--workspace", f"~/{LESSONS}", "--", *SERVER_COMMAND]
    if role == "instructor":
        spawner.notebook_dir = COURSE_ROOT
        environment["MEDSOME_COURSE_ROOT"] = COURSE_ROOT
        if GRADEBOOK_URL:
            environment["MEDSOME_GRADEBOOK_URL"] = GRADEBOOK_URL
        elif GRADEBOOK_URL_FILE:
            environment["MEDSOME_GRADEBOOK_URL_FILE"] = GRADEBOOK_URL_FILE
    spawner.environment = environment


c.Spawner.pre_spawn_hook = configure_server

_extra = setting("EXTRA_CONFIG")
if _extra:
    load_subconfig(_extra)  # noqa: F821  (provided by traitlets)
