#!/usr/bin/env bash
# The deployment drill: docs/deployment.md's cluster (PostgreSQL, Redis, two
# gunicorn app servers, two nginx front servers with TLS) on this one
# machine, set up with the files in deploy/ and the docs' commands, then
# checked for what operators rely on: edits visible on every server,
# restores, rolling releases, Redis and PostgreSQL failures, health probes
# by IP, feedback while Redis is down.
#
#   bash deploy/drill.sh                 stop at the first failed check
#   bash deploy/drill.sh --keep-going    run every check, report each failure
#   bash deploy/drill.sh --checks=c,d    set up as always, then run only these checks
#
# Runs as root (it installs missing Debian packages and runs the services as
# other users). Tests the working tree it is run from, tracked and untracked
# files alike. Everything listens on 127.0.0.1 at free ports; no request goes
# anywhere else. Everything it starts is stopped and its temporary folder is
# removed on exit, also after a failure or Ctrl-C.
#
# Stand-ins for the docs' names: www.example.org -> rdz.test, user rdz ->
# nobody, /srv/rdz and /etc/rdz -> folders under the temporary folder,
# 10.0.0.x -> 127.0.0.1 with free ports, `systemctl start` -> the unit's
# ExecStart run with its User, WorkingDirectory and EnvironmentFile.
# shellcheck disable=SC2015,SC2016  # "test && test || fail" and literal $ in sh -c are meant
set -Eeuo pipefail
export LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive PIP_ROOT_USER_ACTION=ignore

keep_going=0
only=""
for arg in "$@"; do
    case $arg in
        --keep-going) keep_going=1 ;;
        --checks=*) only=${arg#--checks=} ;;
        -h | --help) sed -n '2,/^# shellcheck/{/^# shellcheck/!p}' "$0"; exit 0 ;;
        *) echo "drill.sh: unknown argument $arg" >&2; exit 2 ;;
    esac
done
if [ "$(id -u)" -ne 0 ]; then
    echo "drill.sh: run as root (it installs packages and runs services as other users)" >&2
    exit 2
fi

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
DEPLOY=$REPO/deploy
SITE=rdz.test
RUN_AS=nobody
RUN_GROUP=nogroup
PROJECT=/projekte/regionales-digitalisierungszentrum/
PAGES=(/ /projekte/ "$PROJECT" /veranstaltungen/ /ansprechpersonen/ /en/)
MARKER="<!-- rdz-drill-release-2 -->"
started=$SECONDS
TMP=""
REDIS_PID=""
RELAY_PID=""
BUILD_PID=""
made_policy=0
passed=0
failed=0

ok() { printf 'ok – %s  [%ss]\n' "$*" "$((SECONDS - started))"; }
fail() {
    printf 'FAIL – %s\n' "$*" >&2
    exit 1
}
on_error() { printf 'FAIL – command failed (drill.sh line %s): %s\n' "$1" "$2" >&2; }
trap 'on_error "$LINENO" "$BASH_COMMAND"' ERR

# Cleanup: stop everything this script started, remove its folder. --------

alive() { # PID: running (a zombie whose parent is gone counts as ended)
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
    [[ $state != Z* ]]
}
stop_group() { # PID [seconds]: TERM the process group PID leads, then KILL
    local pid=$1 wait=${2:-10} i
    alive "$pid" || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < wait * 10; i++)); do
        alive "$pid" || return 0
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$? f
    trap - EXIT INT TERM ERR
    set +e
    if [ -n "$TMP" ]; then
        [ -n "$BUILD_PID" ] && stop_group "$BUILD_PID" 2
        for f in "$TMP"/run/app*.pid; do
            [ -s "$f" ] && stop_group "$(cat "$f")" 5
        done
        for f in "$TMP"/nginx*/nginx.pid; do
            [ -s "$f" ] && stop_group "$(cat "$f")" 5
        done
        [ -n "$RELAY_PID" ] && stop_group "$RELAY_PID" 2
        if [ -n "$REDIS_PID" ]; then
            kill -CONT "$REDIS_PID" 2>/dev/null
            stop_group "$REDIS_PID" 5
        fi
        if [ -f "$TMP/pg/data/postmaster.pid" ]; then
            runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$TMP/pg/data" -m immediate stop >/dev/null 2>&1
        fi
        rm -rf "$TMP"
    fi
    [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
    echo "drill: finished in $((SECONDS - started)) s"
    # Last line, in the form test runners use; a failed setup counts as a failure.
    [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
    echo "drill: $passed passed, $failed failed"
    exit "$rc"
}
trap cleanup EXIT
trap 'echo "drill: interrupted" >&2; exit 130' INT
trap 'echo "drill: terminated" >&2; exit 143' TERM

# Checks: each runs in a subshell; fail() ends it. -------------------------

run_check() { # NAME FUNCTION
    local rc
    if [ -n "$only" ] && [[ ",$only," != *",$1,"* ]]; then
        return 0
    fi
    set +e
    trap - ERR
    (
        trap 'on_error "$LINENO" "$BASH_COMMAND"' ERR
        set -e
        "$2"
    )
    rc=$?
    trap 'on_error "$LINENO" "$BASH_COMMAND"' ERR
    set -e
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
        return 0
    fi
    failed=$((failed + 1))
    echo "     (check $1 failed)" >&2
    if [ "$keep_going" = 0 ]; then
        exit 1
    fi
}

# Packages ---------------------------------------------------------------------

need=()
[ -x /usr/sbin/nginx ] || need+=(nginx)
command -v redis-server >/dev/null || need+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v openssl >/dev/null || need+=(openssl)
command -v curl >/dev/null || need+=(curl)
command -v logrotate >/dev/null || need+=(logrotate)
/usr/bin/python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
    echo "drill: installing ${need[*]} with apt-get"
    # Installing a server package must not start it on its default port.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        made_policy=1
    fi
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    if [ "$made_policy" = 1 ]; then
        rm -f /usr/sbin/policy-rc.d
        made_policy=0
    fi
fi
PG_BIN=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
export PATH="$PG_BIN:$PATH"

# Folders, ports, secrets --------------------------------------------------------

# In memory where possible: two virtualenvs are thousands of small files, and
# writing and deleting them on a disk mounted with "discard" takes minutes.
tmp_base=${RDZ_DRILL_TMPDIR:-/tmp}
if [ -z "${RDZ_DRILL_TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] &&
    ! findmnt -no OPTIONS /dev/shm 2>/dev/null | grep -q noexec; then
    tmp_base=/dev/shm
fi
TMP=$(mktemp -d "$tmp_base/rdz-drill.XXXXXX")
chmod 755 "$TMP"
SRV=$TMP/srv/rdz           # /srv/rdz
ETC=$TMP/etc/rdz           # /etc/rdz
mkdir -p "$SRV/releases" "$ETC" "$TMP/run" "$TMP/log" "$TMP/work"
read -r P1 P2 PG_PORT REDIS_PORT HTTP_PORT HTTPS_PORT SMTP_PORT HTTP_PORT2 HTTPS_PORT2 < <(/usr/bin/python3 - <<'PY'
import socket
socks = [socket.socket() for _ in range(9)]
for sock in socks:
    sock.bind(("127.0.0.1", 0))
print(*(sock.getsockname()[1] for sock in socks))
PY
)
SECRET_KEY=$(openssl rand -hex 32)
DB_PASSWORD=$(openssl rand -hex 32)
REDIS_PASSWORD=$(openssl rand -hex 32)

# 0. bin/rdz-manage without the environment file -----------------------------------

# A release ("Installing a release"): the code, its own virtualenv, its static files.
copy_working_tree() { # TARBALL: what `git archive` would give, from the working tree
    if git -C "$REPO" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        # Tracked and untracked files, without ignored ones; deleted files are skipped.
        (cd "$REPO" && git ls-files -z --cached --others --exclude-standard |
            tar --null --files-from=- --ignore-failed-read -czf "$1" 2>/dev/null)
    else
        tar -C "$REPO" --exclude=./.git --exclude=./.venv --exclude=./.cache --exclude=./staticfiles \
            --exclude=./media --exclude='./db.sqlite3*' --exclude=./.secret_key --exclude=./build \
            --exclude='*.egg-info' --exclude=__pycache__ -czf "$1" .
    fi
}
make_release() { # NAME [MARKER]
    local R=$1 dir=$SRV/releases/$1
    copy_working_tree "$TMP/work/rdz-altmark-$R.tar.gz"
    install -d "$dir"
    tar -xzf "$TMP/work/rdz-altmark-$R.tar.gz" -C "$dir"
    if [ -n "${2:-}" ]; then
        sed -i "0,/<head>/s|<head>|<head>\n$2|" "$dir/templates/base.html"
        grep -qF "$2" "$dir/templates/base.html"
        # A changed stylesheet too: its hashed name differs from the old release's.
        printf '\n/* %s */\n' "${2//[<>!-]/}" >>"$dir/static/css/site.css"
    fi
    /usr/bin/python3 -m venv "$dir/.venv"
    "$dir/.venv/bin/pip" install --quiet --require-hashes --no-deps -r "$dir/requirements.lock" \
        >"$TMP/log/pip-$R.log" 2>&1 || {
        cat "$TMP/log/pip-$R.log" >&2
        return 1
    }
    RDZ_ENV_FILE=$ETC/env1 "$dir/bin/rdz-manage" collectstatic --noinput --verbosity 0
}

# The environment files, from deploy/env.example ("/etc/rdz/env").
set_var() { # FILE NAME VALUE
    grep -q "^$2=" "$1" || fail "deploy/env.example has no line $2="
    sed -i "s|^$2=.*|$2=$3|" "$1"
}
make_env() { # FILE PORT
    install -m 0640 -g "$RUN_GROUP" "$DEPLOY/env.example" "$1"
    set_var "$1" DJANGO_SECRET_KEY "$SECRET_KEY"
    set_var "$1" DJANGO_ALLOWED_HOSTS "$SITE"
    set_var "$1" SITE_URL "https://$SITE"
    set_var "$1" DATABASE_URL "postgres://rdz:$DB_PASSWORD@127.0.0.1:$PG_PORT/rdz"
    set_var "$1" CACHE_URL "redis://:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT/0"
    set_var "$1" HOST 127.0.0.1
    set_var "$1" PORT "$2"
    set_var "$1" FORWARDED_ALLOW_IPS 127.0.0.1
    # The county's mail relay: a fake one of this drill (below), without TLS.
    set_var "$1" EMAIL_HOST 127.0.0.1
    set_var "$1" EMAIL_PORT "$SMTP_PORT"
    set_var "$1" EMAIL_USE_TLS false
    set_var "$1" DEFAULT_FROM_EMAIL "website@$SITE"
    set_var "$1" FEEDBACK_RECIPIENTS "staff@$SITE"
    set_var "$1" SECURITY_CONTACTS "mailto:security@$SITE"
    if grep -nE 'example\.org|10\.0\.0\.|_PASSWORD@|SECRET_KEY_FROM|MAIL_RELAY|_ADDRESS@' "$1"; then
        fail "a placeholder of deploy/env.example is left in $1 (above)"
    fi
}
make_env "$ETC/env1" "$P1"
make_env "$ETC/env2" "$P2"

# Release 2 (one template changed, for check c) in the background, release 1 now.
export -f copy_working_tree make_release
export REPO SRV TMP ETC
setsid bash -c 'set -eo pipefail; make_release r2 "$1"; touch "$TMP/work/r2.ok"' build-r2 "$MARKER" \
    </dev/null >"$TMP/log/build-r2.log" 2>&1 &
BUILD_PID=$!
make_release r1
ln -s releases/r1 "$SRV/app1"  # /srv/rdz/app on app server 1
ln -s releases/r1 "$SRV/app2"  # /srv/rdz/app on app server 2
ok "release r1 installed: code, python3 -m venv, pip install, collectstatic"

# rdz-manage as root, without its file: it must refuse, and create nothing.
out=$(RDZ_ENV_FILE=$ETC/missing "$SRV/app1/bin/rdz-manage" migrate --noinput 2>&1 || echo "[exit $?]")
[[ $out == *"[exit "* ]] || fail "bin/rdz-manage ran without its environment file"
grep -q "environment file" <<<"$out" || fail "bin/rdz-manage's refusal does not name the missing file: $out"
for f in db.sqlite3 .secret_key; do
    [ ! -e "$SRV/releases/r1/$f" ] || fail "bin/rdz-manage without env file created $f in the release"
done
ok "bin/rdz-manage refuses to run without its environment file and creates nothing"

manage() { # ENVFILE ARGS...: `runuser -u rdz -- /srv/rdz/app/bin/rdz-manage ARGS` on that server
    local env=$1
    shift
    (cd / && RDZ_ENV_FILE=$env runuser -u "$RUN_AS" -- "$SRV/app1/bin/rdz-manage" "$@")
}

# 1. PostgreSQL ("PostgreSQL") -----------------------------------------------------------

install -d -o postgres -g postgres -m 0700 "$TMP/pg"
runuser -u postgres -- initdb -D "$TMP/pg/data" -U postgres --auth-local=peer \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
cat >>"$TMP/pg/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$TMP/pg'
fsync = off
full_page_writes = off
EOF
# Docs: one line per app server, e.g. "host rdz rdz 10.0.0.11/32 scram-sha-256".
echo "host rdz rdz 127.0.0.1/32 scram-sha-256" >>"$TMP/pg/data/pg_hba.conf"
runuser -u postgres -- pg_ctl -D "$TMP/pg/data" -l "$TMP/pg/server.log" -w start >/dev/null
# The docs' commands talk to the machine's default cluster; this one is here.
export PGHOST=$TMP/pg PGPORT=$PG_PORT
runuser -u postgres -- createuser rdz
runuser -u postgres -- createdb -O rdz rdz
printf "ALTER ROLE rdz PASSWORD '%s';\n" "$DB_PASSWORD" | runuser -u postgres -- psql -q -v ON_ERROR_STOP=1
[ "$(PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -U rdz -d rdz -Atc 'SELECT current_user' 2>&1 || true)" = rdz ] ||
    fail "role rdz cannot log in over TCP with its password"
if PGPASSWORD=wrong psql -h 127.0.0.1 -U rdz -d rdz -Atc 'SELECT 1' >/dev/null 2>&1; then
    fail "PostgreSQL lets rdz log in with a wrong password"
fi
ok "PostgreSQL: createuser/createdb as postgres; rdz logs in over TCP with its password only"

# 2. Redis ("Redis") --------------------------------------------------------------------

install -d -m 0700 "$TMP/redis"
sed -e "s/^bind .*/bind 127.0.0.1/" -e "s/^port .*/port $REDIS_PORT/" \
    -e "s/^requirepass .*/requirepass $REDIS_PASSWORD/" "$DEPLOY/redis/rdz.conf" >"$TMP/redis/rdz.conf"
grep -q "^requirepass $REDIS_PASSWORD\$" "$TMP/redis/rdz.conf" || fail "deploy/redis/rdz.conf sets no requirepass"
grep -q "^bind 127.0.0.1\$" "$TMP/redis/rdz.conf" || fail "deploy/redis/rdz.conf sets no bind"
cat >"$TMP/redis/redis.conf" <<EOF
daemonize no
dir $TMP/redis
logfile $TMP/redis/redis.log
include $TMP/redis/rdz.conf
EOF
setsid redis-server "$TMP/redis/redis.conf" </dev/null &
REDIS_PID=$!
for _ in $(seq 100); do
    answer=$(redis-cli -p "$REDIS_PORT" ping 2>&1 || true)
    [[ $answer == *"Could not connect"* ]] || break
    sleep 0.1
done
[[ $answer == *NOAUTH* ]] || fail "Redis without the password answered: $answer"
answer=$(REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -p "$REDIS_PORT" ping 2>&1 || true)
[ "$answer" = PONG ] || fail "Redis with the password answered: $answer"
ok "Redis: bound to 127.0.0.1, refuses commands without the password"

# The mail relay: a fake SMTP server that stores each message as a file in
# $TMP/mail, and stalls before its greeting while $TMP/mail/hang exists.
install -d -m 0700 "$TMP/mail"
cat >"$TMP/work/relay.py" <<'PY'
import os, socketserver, sys, time
folder = sys.argv[2]
class Relay(socketserver.StreamRequestHandler):
    def handle(self):
        while os.path.exists(os.path.join(folder, "hang")):
            time.sleep(0.05)
        say = lambda line: self.wfile.write(line.encode() + b"\r\n")
        say("220 relay.test ESMTP")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                say("250 relay.test")
            elif verb == b"DATA":
                say("354 go on")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk
                name = os.path.join(folder, f"{time.time():.6f}.eml")
                with open(name + ".part", "wb") as f:
                    f.write(data)
                os.rename(name + ".part", name)
                say("250 stored")
            elif verb == b"QUIT":
                say("221 bye")
                return
            else:
                say("250 ok")
socketserver.ThreadingTCPServer.allow_reuse_address = True
socketserver.ThreadingTCPServer.daemon_threads = True
socketserver.ThreadingTCPServer(("127.0.0.1", int(sys.argv[1])), Relay).serve_forever()
PY
setsid /usr/bin/python3 "$TMP/work/relay.py" "$SMTP_PORT" "$TMP/mail" </dev/null >"$TMP/log/relay.log" 2>&1 &
RELAY_PID=$!

# 3. First start: migrate, loaddata, check --deploy ("First start") -----------------------

manage "$ETC/env1" migrate --noinput >"$TMP/log/migrate.log" 2>&1 || {
    tail -n 30 "$TMP/log/migrate.log" >&2
    fail "migrate through bin/rdz-manage failed"
}
manage "$ETC/env1" loaddata organisations contacts projects events legal >"$TMP/log/loaddata.log" 2>&1 || {
    tail -n 30 "$TMP/log/loaddata.log" >&2
    fail "loaddata through bin/rdz-manage failed"
}
ok "migrate and loaddata through bin/rdz-manage as the service user"
# The shipped content leaves empty the legal facts nobody here knows (the
# Landrat's name, the e-mail address, ...): check --deploy names each as an
# Error (legal.E...) and exits 1 until they are filled in. Any other error fails.
check_status=0
manage "$ETC/env1" check --deploy >"$TMP/log/check.log" 2>&1 || check_status=$?
if [ "$check_status" -ne 0 ] && ! grep -q '(legal\.E' "$TMP/log/check.log"; then
    cat "$TMP/log/check.log" >&2
    fail "check --deploy failed"
fi
if grep -E '\([a-z_]+\.E[0-9]+\)' "$TMP/log/check.log" | grep -v '(legal\.E'; then
    fail "check --deploy reports an error besides the legal facts still to fill in"
fi
if grep -E '\((security|csp|axes)\.[A-Z]' "$TMP/log/check.log"; then
    fail "check --deploy warns about the settings above (deploy/env.example's values)"
fi
ok "check --deploy: no security warning with deploy/env.example's values; it names the legal facts to fill in"

# 4. The systemd units ("The app server", "Daily jobs") ------------------------------------

unit_copy() { # UNIT N: deploy/systemd/UNIT for app server N, paths of this drill
    # Through markers, so that no replacement is replaced again.
    sed -e "s|/srv/rdz/app|@APP@|g" -e "s|/etc/rdz/env|@ENV@|g" -e "s|/srv/rdz|@SRV@|g" \
        -e "s|/var/backups/rdz|@BACKUPS@|g" "$DEPLOY/systemd/$1" |
        sed -e "s|@APP@|$SRV/app$2|g" -e "s|@ENV@|$ETC/env$2|g" -e "s|@SRV@|$SRV|g" \
            -e "s|@BACKUPS@|$TMP/backups|g"
}
mkdir -p "$TMP/systemd"
for unit in "$DEPLOY"/systemd/*; do
    unit_copy "$(basename "$unit")" 1 >"$TMP/systemd/$(basename "$unit")"
done
if command -v systemd-analyze >/dev/null; then
    out=$(cd "$TMP/systemd" && timeout 60 systemd-analyze verify ./*.service ./*.timer 2>&1 || echo "[exit $?]")
    [ -z "$out" ] || fail "systemd-analyze verify: $out"
    ok "systemd units pass systemd-analyze verify"
fi

unit_key() { # FILE KEY: the values of KEY= in a unit file, one per line
    sed -n "s/^$2=//p" "$1"
}
unit_argv() { # COMMAND-LINE: split as systemd does (quotes; %% -> %, $$ -> $), NUL-separated
    /usr/bin/python3 -c 'import shlex, sys
sys.stdout.write("\0".join(shlex.split(sys.argv[1].replace("%%", "%").replace("$$", "$"))) + "\0")' "$1"
}
run_unit() { # UNIT-FILE [ENVFILE-FOR-RDZ-MANAGE]: each ExecStart as User=, like `systemctl start`
    local unit=$1 user group line argv
    user=$(unit_key "$unit" User)
    group=$(unit_key "$unit" Group)
    [ "$user" = rdz ] && user=$RUN_AS && group=$RUN_GROUP
    while IFS= read -r line; do
        mapfile -d '' -t argv < <(unit_argv "$line")
        (cd / && setpriv --reuid="$user" --regid="$group" --clear-groups -- \
            env -i PATH="$PATH" LANG=C.UTF-8 PGHOST="$PGHOST" PGPORT="$PGPORT" \
            ${2:+RDZ_ENV_FILE="$2"} "${argv[@]}")
    done < <(unit_key "$unit" ExecStart)
}

start_app() { # N: `systemctl start rdz` on app server N
    local n=$1 unit=$TMP/systemd/rdz-app$1.service wd envfile argv i code
    unit_copy rdz.service "$n" >"$unit"
    wd=$(unit_key "$unit" WorkingDirectory)
    envfile=$(unit_key "$unit" EnvironmentFile)
    mapfile -d '' -t argv < <(unit_argv "$(unit_key "$unit" ExecStart)")
    (
        cd "$wd"
        exec setsid setpriv --reuid="$RUN_AS" --regid="$RUN_GROUP" --clear-groups -- \
            env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
            /bin/sh -c 'set -a; . "$0"; set +a; exec "$@"' "$envfile" "${argv[@]}"
    ) </dev/null >>"$TMP/log/app$n.log" 2>&1 &
    echo $! >"$TMP/run/app$n.pid"
    local port_var=P$n
    for ((i = 0; i < 300; i++)); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H "Host: $SITE" \
            -H 'X-Forwarded-Proto: https' "http://127.0.0.1:${!port_var}/healthz" || true)
        [ "$code" != 000 ] && return 0
        alive "$(cat "$TMP/run/app$n.pid")" || break
        sleep 0.1
    done
    tail -n 30 "$TMP/log/app$n.log" >&2
    fail "app server $n did not start (log above)"
}
stop_app() { # N: `systemctl stop rdz` on app server N (SIGTERM, graceful)
    [ -s "$TMP/run/app$1.pid" ] && stop_group "$(cat "$TMP/run/app$1.pid")" 40
    : >"$TMP/run/app$1.pid"
}

# bin/rdz-release's restart command in check c runs these in a new bash.
export -f start_app stop_app stop_group alive unit_copy unit_key unit_argv fail
export DEPLOY RUN_AS RUN_GROUP SITE P1 P2
start_app 1
start_app 2
for port in "$P1" "$P2"; do
    code=$(curl -s -o "$TMP/work/h" -w '%{http_code}' -H "Host: $SITE" "http://127.0.0.1:$port/healthz" || true)
    [ "$code" = 200 ] || fail "/healthz on 127.0.0.1:$port answered $code: $(head -c 300 "$TMP/work/h")"
done
ok "two app servers started as in rdz.service (User, WorkingDirectory, EnvironmentFile, ExecStart); /healthz 200"

run_unit "$TMP/systemd/rdz-purge-feedback.service" "$ETC/env1" >"$TMP/log/purge.log" 2>&1 || {
    cat "$TMP/log/purge.log" >&2
    fail "rdz-purge-feedback.service's command failed"
}
grep -q "Deleted" "$TMP/log/purge.log" || fail "purge_feedback said: $(cat "$TMP/log/purge.log")"
ok "rdz-purge-feedback.service's command (bin/rdz-manage purge_feedback) runs as the service user"

# 5. Certificate and nginx ("TLS certificate and nginx") ------------------------------------

# One front server's files as this section installs them, in DIR (for
# /etc/nginx and nginx's folders), listening on HTTP-PORT and HTTPS-PORT.
front_files() { # DIR HTTP-PORT HTTPS-PORT
    local dir=$1 http=$2 https=$3 f
    install -d "$dir/tls" "$dir/logs" "$dir/tmp" "$dir/www"
    # The docs' log folder (/var/log/nginx/rdz): nginx's workers (www-data) must get in.
    install -d -m 0755 -o root -g adm "$dir/rdz"
    # Its two files made before nginx's first start, as logrotate makes them:
    # not readable by every user (the error log names full client addresses).
    install -m 0640 -o www-data -g adm /dev/null "$dir/rdz/access.log"
    install -m 0640 -o www-data -g adm /dev/null "$dir/rdz/error.log"
    # The app servers' addresses: 127.0.0.1 here; the geo block's second line goes,
    # so that requests from 127.0.0.2 stand for the public.
    sed -e "s|10\.0\.0\.11:8000|127.0.0.1:$P1|" -e "s|10\.0\.0\.12:8000|127.0.0.1:$P2|" \
        -e "s|^\(\s*\)10\.0\.0\.11 1;|\1127.0.0.1 1;|" -e "/^\s*10\.0\.0\.12 1;/d" \
        -e "s|/etc/nginx/rdz-proxy.conf|$dir/rdz-proxy.conf|g" \
        -e "s|/etc/nginx/rdz-cache-http.conf|$dir/rdz-cache-http.conf|g" \
        -e "s|/etc/nginx/rdz-cache.conf|$dir/rdz-cache.conf|g" \
        -e "/listen \[::\]/d" \
        -e "s|listen 80\([ ;]\)|listen 127.0.0.1:$http\1|" \
        -e "s|listen 443\([ ;]\)|listen 127.0.0.1:$https\1|" \
        -e "s|www\.example\.org|$SITE|g" -e "s|/etc/nginx/tls/rdz|$dir/tls|g" \
        -e "s|/var/log/nginx/rdz|$dir/rdz|g" \
        -e "s|/var/www/html|$dir/www|g" "$DEPLOY/nginx/rdz.conf" >"$dir/rdz.conf"
    cp "$DEPLOY/nginx/rdz-proxy.conf" "$dir/rdz-proxy.conf"
    # nginx's page cache ("nginx's page cache"): the two include files as shipped,
    # the cache folder (/var/cache/nginx/rdz) owned by www-data.
    install -d -m 0700 -o www-data -g www-data "$dir/cache"
    for f in rdz-cache-http.conf rdz-cache.conf; do
        sed -e "s|/var/cache/nginx/rdz|$dir/cache|g" -e "s|/etc/nginx/\(rdz-[a-z-]*\.conf\)|$dir/\1|g" \
            "$DEPLOY/nginx/$f" >"$dir/$f"
    done
    if grep -nE '10\.0\.0\.|example\.org| (/etc/nginx/(tls|rdz-)|/var/log|/var/cache|/srv/rdz|/var/www)' \
        "$dir/rdz.conf" "$dir/rdz-cache-http.conf" "$dir/rdz-cache.conf"; then
        fail "deploy/nginx/rdz*.conf has a path or address this drill does not replace (above)"
    fi
    cat >"$dir/nginx.conf" <<EOF
user www-data;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/nginx-error.log crit;
events { worker_connections 128; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    include $dir/rdz.conf;
}
EOF
}
front_files "$TMP/nginx" "$HTTP_PORT" "$HTTPS_PORT"
nginx_cmd=(nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx/" -e "$TMP/nginx/logs/startup.log")
if "${nginx_cmd[@]}" -t >/dev/null 2>"$TMP/log/nginx-t.log"; then
    fail "nginx -t passed before the certificate existed"
fi
grep -q "$TMP/nginx/tls" "$TMP/log/nginx-t.log" || fail "nginx -t without a certificate does not name its path"
# The docs' self-signed certificate, for a test.
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$SITE" \
    -addext "subjectAltName=DNS:$SITE" \
    -keyout "$TMP/nginx/tls/privkey.pem" -out "$TMP/nginx/tls/fullchain.pem" 2>/dev/null
chmod 0600 "$TMP/nginx/tls/privkey.pem"
"${nginx_cmd[@]}" -t >/dev/null 2>"$TMP/log/nginx-t.log" || fail "nginx -t: $(cat "$TMP/log/nginx-t.log")"
ok "nginx -t fails naming the certificate path before the certificate step and passes after it"
"${nginx_cmd[@]}"
for _ in $(seq 50); do
    [ -s "$TMP/nginx/nginx.pid" ] && break
    sleep 0.1
done

tls_at() { local port=$1; shift; curl -sk --resolve "$SITE:$port:127.0.0.1" "$@"; } # HTTPS-PORT CURL-ARGS...
tls() { tls_at "$HTTPS_PORT" "$@"; }
code=$(tls -o "$TMP/work/p" -D "$TMP/work/p.h" -w '%{http_code}' "https://$SITE:$HTTPS_PORT/" || true)
[ "$code" = 200 ] || fail "https://$SITE/ through nginx answered $code"
grep -qi '^strict-transport-security:' "$TMP/work/p.h" || fail "no HSTS header through nginx"
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H "Host: $SITE" "http://127.0.0.1:$HTTP_PORT/projekte/" || true)
[ "$code" = "301 https://$SITE/projekte/" ] || fail "http:// through nginx: expected a 301 to https, got $code"
code=$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$HTTPS_PORT/" || true)
[ "$code" = 000 ] || fail "a request for the IP address (no known host name) got an answer: $code"
code=$(tls -o /dev/null -w '%{http_code}' "https://$SITE:$HTTPS_PORT/media/anything.jpg" || true)
[ "$code" = 404 ] || fail "/media/anything.jpg through nginx answered $code, not 404 (nothing is uploaded)"
ok "nginx: HTTPS 200 with HSTS, http -> 301 https, unknown host names refused, no /media/"

# What the public (here: requests from 127.0.0.2) does not learn through nginx.
public() { curl -sk --interface 127.0.0.2 --resolve "$SITE:$HTTPS_PORT:127.0.0.1" "$@"; }
code=$(public -o "$TMP/work/pub" -D "$TMP/work/pub.h" -w '%{http_code}' "https://$SITE:$HTTPS_PORT/" || true)
[ "$code" = 200 ] || fail "/ from a public address through nginx answered $code"
if grep -iE '^(server: nginx/|x-page-cache:|x-cache-status:|x-accel-)' "$TMP/work/pub.h"; then fail "nginx tells the public its version or a cache's state (above)"; fi
grep -qiE '^x-request-id: [0-9a-f]{32}' "$TMP/work/pub.h" || fail "no X-Request-ID in nginx's answer"
code=$(public -o "$TMP/work/pub" -D "$TMP/work/pub.h" -w '%{http_code}' "https://$SITE:$HTTPS_PORT/healthz" || true)
[ "$code" = 200 ] && [ ! -s "$TMP/work/pub" ] && ! grep -qi '^x-upstream' "$TMP/work/pub.h" ||
    fail "/healthz from a public address: $code, body \"$(head -c 80 "$TMP/work/pub")\" (expected 200, no body, no X-Upstream)"
code=$(tls -o "$TMP/work/pub" -D "$TMP/work/pub.h" -w '%{http_code}' "https://$SITE:$HTTPS_PORT/healthz" || true)
[ "$code" = 200 ] && grep -q 'database: ok' "$TMP/work/pub" && grep -qi '^x-upstream: 127.0.0.1:' "$TMP/work/pub.h" ||
    fail "/healthz from an app server's address through nginx: $code, without details or X-Upstream"
code=$(public -o /dev/null -w '%{http_code}' "https://$SITE:$HTTPS_PORT/static/staticfiles.json" || true)
[ "$code" = 404 ] || fail "/static/staticfiles.json through nginx answered $code, not 404"
codes=$(for _ in $(seq 8); do public -o /dev/null -w '%{http_code} ' "https://$SITE:$HTTPS_PORT/admin/login/" || true; done)
[[ $codes == 200\ * && $codes == *429* ]] || fail "8 quick admin login pages from one address: $codes (expected 200s, then 429)"
# A 400 from the app servers (here: Django's, for more than 1,000 query
# parameters, on a page nginx has not kept) reaches the public as nginx's
# plain "Bad Request", as gunicorn's own 400s do.
many=$(printf 'a=1&%.0s' $(seq 1001))
code=$(public -o "$TMP/work/bad" -w '%{http_code}' "https://$SITE:$HTTPS_PORT/nicht-gespeichert-$RANDOM/?$many" || true)
[ "$code" = 400 ] && [ "$(cat "$TMP/work/bad")" = "Bad Request" ] ||
    fail "an app server's 400 through nginx: $code, \"$(head -c 80 "$TMP/work/bad")\" (expected nginx's plain Bad Request)"
ok "nginx: no version, no X-Page-Cache, /healthz only its status for the public, staticfiles.json 404, admin login limited per address, an app server's 400 plain; X-Request-ID sent"

# Request bodies (nothing is uploaded): through nginx the admin takes 2 MB
# (Django: 1 MB), the public site 128 KB (Django: 64 KB). Over either limit
# of the admin, the visitor gets the admin's own page: German, the admin's
# layout, status 413. Its error line serves the log rotation below.
for size in 3000000 1500000 200000 100000; do
    head -c "$size" /dev/zero | tr '\0' x >"$TMP/work/body-$size"
done
for size in 3000000 1500000; do
    code=$(tls -o "$TMP/work/413.html" -w '%{http_code}' -H "Origin: https://$SITE" \
        -H "Referer: https://$SITE/admin/legal/legalpage/" -H 'Content-Type: application/x-www-form-urlencoded' \
        --data-binary "@$TMP/work/body-$size" "https://$SITE:$HTTPS_PORT/admin/legal/legalpage/add/" || true)
    [ "$code" = 413 ] || fail "a body of $size bytes to an admin form through nginx answered $code, not 413"
    grep -q '<html lang="de"' "$TMP/work/413.html" && grep -q 'id="site-name"' "$TMP/work/413.html" &&
        grep -q 'größer, als die Verwaltung annimmt' "$TMP/work/413.html" &&
        grep -q 'href="https://'"$SITE"'/admin/legal/legalpage/"' "$TMP/work/413.html" ||
        fail "a body of $size bytes to an admin form: not the admin's German 413 page: $(head -c 300 "$TMP/work/413.html")"
done
grep -q 'client intended to send too large body: 3000000 bytes' "$TMP/nginx/rdz/error.log" ||
    fail "nginx did not refuse the 3 MB body itself (no line in its error log), so its error_page was not tried"
form=/barrierefreiheit/feedback/
code=$(tls -o "$TMP/work/413.html" -w '%{http_code}' --data-binary "@$TMP/work/body-200000" "https://$SITE:$HTTPS_PORT$form" || true)
[ "$code" = 413 ] || fail "a body of 200 KB to $form through nginx answered $code, not 413"
code=$(tls -o "$TMP/work/413.html" -w '%{http_code}' --data-binary "@$TMP/work/body-100000" "https://$SITE:$HTTPS_PORT$form" || true)
[ "$code" = 413 ] && grep -q '<html lang="de"' "$TMP/work/413.html" ||
    fail "a body of 100 KB to $form through nginx answered $code, not the site's own 413 page"
ok "nginx: bodies over the admin's limits (3 MB: nginx's, 1.5 MB: Django's) get the admin's German 413 page with status 413; the public form's limits 413 too"

lines1=$(grep -c '"GET ' "$TMP/log/app1.log" || true)
lines2=$(grep -c '"GET ' "$TMP/log/app2.log" || true)
# Search results: never stored by nginx's cache, so each request goes on.
for _ in 1 2 3 4 5 6; do tls -o /dev/null "https://$SITE:$HTTPS_PORT/suche/?q=drill" || true; done
[ "$(grep -c '"GET /suche/?q=drill' "$TMP/log/app1.log" || true)" -gt 0 ] &&
    [ "$(grep -c '"GET /suche/?q=drill' "$TMP/log/app2.log" || true)" -gt 0 ] ||
    fail "nginx's upstream did not send requests to both app servers ($lines1/$lines2 before)"
ok "nginx's upstream spreads requests over both app servers"
if grep -q '127\.0\.0\.1 ' "$TMP/nginx/rdz/access.log" || ! grep -q '^127\.0\.0\.0 ' "$TMP/nginx/rdz/access.log"; then
    head -n 3 "$TMP/nginx/rdz/access.log" >&2
    fail "nginx's access log holds full client addresses"
fi
ok "nginx's access log holds client addresses shortened to the network, no referrer"

# "Logs": deploy/logrotate/rdz-nginx as shipped (paths of this drill), forced
# as if a night had passed. nginx's workers must write to the new files.
lr_conf=$TMP/work/logrotate.conf
sed -e "s|/var/log/nginx/rdz|$TMP/nginx/rdz|g" -e "s|/run/nginx.pid|$TMP/nginx/nginx.pid|g" \
    "$DEPLOY/logrotate/rdz-nginx" >"$lr_conf"
if grep -nE '/var/log|/run/' "$lr_conf"; then fail "deploy/logrotate/rdz-nginx has a path this drill does not replace"; fi
logrotate --debug --state "$TMP/work/logrotate.state" "$lr_conf" >"$TMP/log/logrotate.log" 2>&1 ||
    fail "logrotate rejects deploy/logrotate/rdz-nginx: $(tail -n 5 "$TMP/log/logrotate.log")"
# An error line with a client address, for the shortening after the rotation:
# the refused 3 MB body above.
grep -q 'client: 127\.0\.0\.1' "$TMP/nginx/rdz/error.log" || fail "nginx's error log holds no line to shorten"
logrotate -f --state "$TMP/work/logrotate.state" "$lr_conf" >>"$TMP/log/logrotate.log" 2>&1 ||
    fail "logrotate -f failed: $(tail -n 5 "$TMP/log/logrotate.log")"
# Before and after the rotation, no file of the folder is readable by every user.
for f in "$TMP/nginx/rdz/"*.log*; do
    [ "$(stat -c %a "$f")" = 640 ] || fail "$f has mode $(stat -c %a "$f"), not 0640 as section 5 and logrotate make it"
done
[ -s "$TMP/nginx/rdz/access.log.1" ] || fail "logrotate -f did not rotate access.log"
sleep 0.5  # nginx's workers reopen their files after USR1
rotated=$(stat -c %s "$TMP/nginx/rdz/access.log.1")
rid=drill-rotation-$RANDOM$RANDOM
tls -o /dev/null -H "X-Request-ID: $rid" "https://$SITE:$HTTPS_PORT/projekte/" || true
sleep 0.3
grep -q "id=$rid " "$TMP/nginx/rdz/access.log" ||
    fail "after logrotate -f and USR1, nginx did not write to the new access.log (owner $(stat -c %U:%G "$TMP/nginx/rdz/access.log"))"
[ "$(stat -c %s "$TMP/nginx/rdz/access.log.1")" = "$rotated" ] || fail "nginx still writes to access.log.1 after the rotation"
worker=$(pgrep -P "$(cat "$TMP/nginx/nginx.pid")" | head -n 1)
if ls -l "/proc/$worker/fd" | grep -E 'rdz/(access|error)\.log\.1'; then
    fail "an nginx worker still holds the rotated files open (above)"
fi
grep -q "\"id\": \"$rid\"\|id=$rid" "$TMP/log/app1.log" "$TMP/log/app2.log" ||
    fail "the request ID $rid of nginx's log is in neither app server's log"
if grep -E 'client: [0-9]+\.[0-9]+\.[0-9]+\.[1-9]' "$TMP/nginx/rdz/error.log.1"; then
    fail "the rotated error.log still holds full client addresses (above)"
fi
ok "logrotate -f with deploy/logrotate/rdz-nginx: nginx writes to the new files (all 0640), the request ID reaches the app's log, the rotated error log holds no full address"
if grep -q '^\[Journal\]' "$DEPLOY/journald/rdz.conf" && grep -q "^MaxRetentionSec=14day" "$DEPLOY/journald/rdz.conf" &&
    grep -q '^LogNamespace=rdz$' "$DEPLOY/systemd/rdz.service" && grep -q '^LogNamespace=rdz$' "$DEPLOY/systemd/rdz-purge-feedback.service"; then
    ok "journald: the site's units log into their own namespace (rdz), kept 14 days"
else
    fail "journald: deploy/journald/rdz.conf (14 days) is not scoped to the site's units (LogNamespace=rdz)"
fi

# A second front server ("Several front servers"): the same four files,
# rewritten only for this drill's ports and paths as for the first, and the
# first one's certificate copied there. Its cache, logs and ports are its
# own. (Its log rotation and UTC are not drilled again.)
front_files "$TMP/nginx2" "$HTTP_PORT2" "$HTTPS_PORT2"
install -m 0644 "$TMP/nginx/tls/fullchain.pem" "$TMP/nginx2/tls/fullchain.pem"
install -m 0600 "$TMP/nginx/tls/privkey.pem" "$TMP/nginx2/tls/privkey.pem"
nginx2_cmd=(nginx -c "$TMP/nginx2/nginx.conf" -p "$TMP/nginx2/" -e "$TMP/nginx2/logs/startup.log")
"${nginx2_cmd[@]}" -t >/dev/null 2>"$TMP/log/nginx2-t.log" ||
    fail "nginx -t on the second front server: $(cat "$TMP/log/nginx2-t.log")"
"${nginx2_cmd[@]}"
for _ in $(seq 50); do
    [ -s "$TMP/nginx2/nginx.pid" ] && break
    sleep 0.1
done
# The docs' test from an app server, before the load balancer knows it.
code=$(tls_at "$HTTPS_PORT2" -I -o /dev/null -w '%{http_code}' "https://$SITE:$HTTPS_PORT2/" || true)
[ "$code" = 200 ] || fail "curl -sI --resolve ... to the second front server answered $code"
ok "a second front server with the same four nginx files and the first one's certificate: nginx -t passes, HEAD / answers 200"

# The checks ----------------------------------------------------------------------------------

get() { # PORT PATH OUT [CURL-ARGS...]: request to one app server as nginx sends it; prints the status
    local port=$1 path=$2 out=$3
    shift 3
    curl -s -o "$out" -D "$out.h" -w '%{http_code}' --max-time 10 -H "Host: $SITE" \
        -H 'X-Forwarded-Proto: https' "$@" "http://127.0.0.1:$port$path" || true
}
usec() { local t=$EPOCHREALTIME; echo "${t/./}"; } # the time in microseconds
after_edit() { # sleep until more than 1 s has passed since the last set_title returned
    local wait=$((edited + 1000000 - $(usec)))
    if [ "$wait" -gt 0 ]; then sleep "$(printf '%d.%06d' $((wait / 1000000)) $((wait % 1000000)))"; fi
    sleep 0.01
}
edited=0
set_title() { # TEXT: an editor changes the project's German title
    manage "$ETC/env1" shell -c "from projects.models import Project
p = Project.objects.get(slug='regionales-digitalisierungszentrum')
p.title_de = '$1'
p.save()" >/dev/null
    edited=$(usec)
}
expect_title() { # WANT [NOT]: both app servers serve the project page with WANT, not NOT; nginx
    # (which keeps public pages a second) to a request sent more than 1 s after the edit
    local want=$1 not=${2:-} port code where
    for where in "server 1:$P1" "server 2:$P2" nginx; do
        if [ "$where" = nginx ]; then
            after_edit
            code=$(tls -o "$TMP/work/t" -w '%{http_code}' "https://$SITE:$HTTPS_PORT$PROJECT" || true)
        else
            port=${where#*:}
            code=$(get "$port" "$PROJECT" "$TMP/work/t")
        fi
        [ "$code" = 200 ] || fail "${where%%:*}: $PROJECT answered $code"
        if [ -n "$not" ] && grep -qF "$not" "$TMP/work/t"; then
            fail "${where%%:*} served the project page with the title \"$not\" (a stale cached page); expected \"$want\""
        fi
        grep -qF "$want" "$TMP/work/t" || fail "${where%%:*} served the project page without the title \"$want\""
    done
}
warm() { # PATH: both servers render and store PATH; the second request must be a hit
    local port
    for port in "$P1" "$P2"; do
        get "$port" "$1" "$TMP/work/w" >/dev/null
        [ "$(get "$port" "$1" "$TMP/work/w")" = 200 ] || fail "$1 on port $port did not answer 200"
        grep -qi '^x-page-cache: hit' "$TMP/work/w.h" ||
            fail "$1 on port $port: second request was no page-cache hit, so this check would prove nothing"
    done
}

check_a() {
    local title="Drill Titel A $RANDOM$RANDOM"
    warm "$PROJECT"
    set_title "$title"
    expect_title "$title"
    ok "a. an edit through bin/rdz-manage shell is on the next request of both app servers, and through nginx more than 1 s after the save"
}

# nginx's page cache ("nginx's page cache"). Requests from 127.0.0.1 (an app
# server's address) see X-Cache-Status; the public does not.
cache_status() { tr -d '\r' <"$1" | sed -n 's/^[Xx]-[Cc]ache-[Ss]tatus: *//p'; }
front_get() { # HTTPS-PORT PATH OUT [CURL-ARGS...]: through the nginx on that port; prints the status
    local port=$1 path=$2 out=$3
    shift 3
    tls_at "$port" -o "$out" -D "$out.h" -w '%{http_code}' --max-time 10 "$@" "https://$SITE:$port$path" || true
}
nginx_get() { front_get "$HTTPS_PORT" "$@"; } # PATH OUT [CURL-ARGS...]: through the first nginx
expect_nginx_title() { # WANT: nginx serves the project page with WANT to a request more than 1 s after the edit
    after_edit
    [ "$(nginx_get "$PROJECT" "$TMP/work/n")" = 200 ] || fail "nginx: $PROJECT did not answer 200"
    grep -qF "$1" "$TMP/work/n" ||
        fail "nginx served the project page without \"$1\" more than 1 s after the edit ($(cache_status "$TMP/work/n.h"))"
}
quick_hits() { # HTTPS-PORT NGINX-DIR: prints how many of 10 quick requests for the
    # project page, each with a new parameter and cookie (not in the key), that
    # nginx answered from its store; fails below 5, or if its access log shows none
    local port=$1 dir=$2 i hits=0
    for i in $(seq 10); do
        front_get "$port" "$PROJECT?utm_source=$RANDOM$i" "$TMP/work/q" -b "drill$RANDOM=$i" >/dev/null
        [ "$(cache_status "$TMP/work/q.h")" = HIT ] && hits=$((hits + 1))
    done
    [ "$hits" -ge 5 ] ||
        fail "nginx on port $port answered only $hits of 10 quick requests for $PROJECT with random parameters and cookies from its store"
    # The access log says so too ("Seeing what the cache does").
    grep -q "\"GET $PROJECT?utm_source=[^\"]*\" 200 .* cache=HIT " "$dir/rdz/access.log" ||
        fail "nginx on port $port: its access log has no cache=HIT line for $PROJECT"
    echo "$hits"
}
load_page() { # HTTPS-PORT STOP-FILE: requests for the project page through that nginx, one
    # after the other, until STOP-FILE exists or the drill's folder is gone
    while [ -d "$TMP/work" ] && [ ! -e "$2" ]; do
        tls_at "$1" -o /dev/null --max-time 10 "https://$SITE:$1$PROJECT" || true
    done
}
check_i() {
    local title i hits loader
    hits=$(quick_hits "$HTTPS_PORT" "$TMP/nginx") || exit 1
    # Under load: requests for the page all along, the edit in between; a
    # failed step ends the load too.
    rm -f "$TMP/work/load.stop"
    trap 'touch "$TMP/work/load.stop"' EXIT
    load_page "$HTTPS_PORT" "$TMP/work/load.stop" &
    loader=$!
    for i in 1 2; do
        title="Drill Titel I$i $RANDOM$RANDOM"
        set_title "$title"
        expect_nginx_title "$title"
    done
    touch "$TMP/work/load.stop"
    wait "$loader" || true
    # After a quiet period: the page was stored long before the edit.
    nginx_get "$PROJECT" "$TMP/work/n" >/dev/null
    sleep 2
    title="Drill Titel I-ruhig $RANDOM$RANDOM"
    set_title "$title"
    expect_nginx_title "$title"
    ok "i. nginx keeps public pages ($hits of 10 quick requests with random parameters and cookies were HITs), yet an edit is there for a request more than 1 s after the save, under load and after a quiet period"
}

# "Several front servers": the second nginx, with the same files, keeps its
# own copies and learns of an edit by itself, as the first does.
check_l() {
    local hits title port loader code
    hits=$(quick_hits "$HTTPS_PORT2" "$TMP/nginx2") || exit 1
    # Requests through the second front server all along, the edit in between.
    rm -f "$TMP/work/load2.stop"
    trap 'touch "$TMP/work/load2.stop"' EXIT
    load_page "$HTTPS_PORT2" "$TMP/work/load2.stop" &
    loader=$!
    title="Drill Titel L $RANDOM$RANDOM"
    set_title "$title"
    after_edit
    for port in "$HTTPS_PORT" "$HTTPS_PORT2"; do
        rm -f "$TMP/work/l" "$TMP/work/l.h"
        code=$(front_get "$port" "$PROJECT" "$TMP/work/l")
        [ "$code" = 200 ] || fail "the front server on port $port answered $code for $PROJECT"
        grep -qF "$title" "$TMP/work/l" ||
            fail "the front server on port $port served the project page without \"$title\" more than 1 s after the edit ($(cache_status "$TMP/work/l.h"))"
    done
    touch "$TMP/work/load2.stop"
    wait "$loader" || true
    ok "l. a second front server with the same files keeps its own copies ($hits of 10 quick requests with random parameters and cookies were HITs); an edit shows through both front servers more than 1 s after the save, under load"
}

check_j() {
    local jar=$TMP/work/staff-jar form=/barrierefreiheit/feedback/ event=/veranstaltungen/tournee-digital-auftakt-salzwedel/
    local otp token code first second status
    # A staff member, and an event taken back to a draft.
    manage "$ETC/env1" shell -c "from django.contrib.auth import get_user_model
from projects.models import Event
get_user_model().objects.create_superuser('drill-staff', 'drill-staff@$SITE', 'drill-Passwort-$$')
e = Event.objects.get(slug='tournee-digital-auftakt-salzwedel'); e.is_published = False; e.save()" >/dev/null
    edited=$(usec)
    otp=$(manage "$ETC/env1" addstatictoken drill-staff | tail -n 1)
    # A staff member signs in through nginx: password and a recovery code.
    nginx_get /admin/login/ "$TMP/work/login" -c "$jar" >/dev/null
    token=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$TMP/work/login" | head -n 1)
    code=$(nginx_get /admin/login/ "$TMP/work/login-post" -b "$jar" -c "$jar" -H "Origin: https://$SITE" \
        --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=drill-staff" \
        --data-urlencode "password=drill-Passwort-$$" --data-urlencode "otp_token=$otp")
    [ "$code" = 302 ] || fail "the staff login through nginx answered $code, not a redirect"
    grep -q 'staff' "$jar" || fail "no staff cookie after the login"
    # A page visitors have just stored: staff get it from an app server, private.
    nginx_get / "$TMP/work/anon" >/dev/null
    [ "$(nginx_get / "$TMP/work/staff" -b "$jar")" = 200 ] || fail "/ for staff through nginx did not answer 200"
    status=$(cache_status "$TMP/work/staff.h")
    [ "$status" = BYPASS ] || fail "nginx answered staff's / with cache status \"$status\", not BYPASS"
    grep -qi '^cache-control:.*private' "$TMP/work/staff.h" || fail "staff's / is not private"
    # A draft's preview: staff see it, visitors right after must get 404, not the stored preview.
    after_edit
    [ "$(nginx_get "$event" "$TMP/work/preview" -b "$jar")" = 200 ] || fail "staff's preview of $event did not answer 200"
    grep -q 'Entwurf' "$TMP/work/preview" || fail "staff's preview of $event has no draft banner"
    code=$(nginx_get "$event" "$TMP/work/preview-anon")
    manage "$ETC/env1" shell -c "from projects.models import Event
e = Event.objects.get(slug='tournee-digital-auftakt-salzwedel'); e.is_published = True; e.save()" >/dev/null
    [ "$code" = 404 ] || fail "a visitor got $code for the draft $event right after staff's preview ($(cache_status "$TMP/work/preview-anon.h"))"
    # The feedback form: never stored, without and with the CSRF cookie.
    for jar in "" "$TMP/work/feedback-jar"; do
        nginx_get "$form" "$TMP/work/fb1" ${jar:+-b "$jar" -c "$jar"} >/dev/null
        nginx_get "$form" "$TMP/work/fb2" ${jar:+-b "$jar" -c "$jar"} >/dev/null
        first=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$TMP/work/fb1" | head -n 1)
        second=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$TMP/work/fb2" | head -n 1)
        status=$(cache_status "$TMP/work/fb2.h")
        [ -n "$first" ] && [ "$first" != "$second" ] && [ "$status" != HIT ] ||
            fail "the feedback form ${jar:+with the CSRF cookie }came from nginx's cache ($status) or with the same token twice"
    done
    ok "j. staff bypass nginx's cache and get private pages; a preview and the feedback form (with and without the CSRF cookie) are never stored"
}

check_k() {
    local page code status
    for page in "${PAGES[@]}"; do nginx_get "$page" "$TMP/work/k" >/dev/null; done
    stop_app 1
    stop_app 2
    for page in "${PAGES[@]}"; do
        code=$(nginx_get "$page" "$TMP/work/k")
        status=$(cache_status "$TMP/work/k.h")
        [ "$code" = 200 ] && [ "$status" = STALE ] ||
            { start_app 1; start_app 2; fail "with both app servers stopped, $page through nginx answered $code ($status), not 200 from the cache"; }
    done
    code=$(nginx_get /nicht-gespeichert/ "$TMP/work/k")
    start_app 1
    start_app 2
    # rdz.conf's notice in both languages instead of nginx's "502 Bad Gateway".
    [ "$code" = 503 ] && grep -qi '^Retry-After: 120' "$TMP/work/k.h" && grep -qiE '^x-request-id: [0-9a-f]{32}' "$TMP/work/k.h" &&
        grep -q 'Vorübergehend nicht erreichbar' "$TMP/work/k" && grep -q 'lang="en"' "$TMP/work/k" ||
        fail "a page nginx never stored answered $code with both app servers stopped, not rdz.conf's 503 notice with Retry-After and X-Request-ID"
    for _ in $(seq 100); do
        code=$(nginx_get / "$TMP/work/k")
        status=$(cache_status "$TMP/work/k.h")
        [ "$code" = 200 ] && [ "$status" != STALE ] && break
        sleep 0.1
    done
    [ "$status" != STALE ] || fail "nginx still serves stale pages 10 s after the app servers are back"
    ok "k. both app servers stopped: the pages nginx stored answer 200 (STALE), others a 503 notice in German and English; fresh again once they are back"
}

check_b() {
    local before="Drill Titel vor Sicherung $RANDOM" a="Drill Titel A $RANDOM$RANDOM" b="Drill Titel B $RANDOM$RANDOM" dump
    local feedback_mark="Drill-Rueckmeldung-nach-Sicherung-$RANDOM$RANDOM" count newest db counts=()
    set_title "$before"
    warm "$PROJECT"
    # The backup as rdz-backup.service makes it.
    install -d -o postgres -g postgres -m 0700 "$TMP/backups"
    run_unit "$TMP/systemd/rdz-backup.service" >"$TMP/log/backup.log" 2>&1 || {
        cat "$TMP/log/backup.log" >&2
        fail "rdz-backup.service's commands failed"
    }
    dump=$(ls "$TMP"/backups/rdz-*.dump)
    # "Restore drill", its commands: the newest dump into a scratch database;
    # its counts must be the live database's (nothing was edited since the backup).
    newest=$(ls -t "$TMP"/backups/rdz-*.dump | head -n 1)
    runuser -u postgres -- createdb -O rdz rdz_restore_test
    runuser -u postgres -- pg_restore -d rdz_restore_test "$newest" 2>"$TMP/log/restore-drill.log" || {
        cat "$TMP/log/restore-drill.log" >&2
        fail "the restore drill's pg_restore into rdz_restore_test failed"
    }
    for db in rdz_restore_test rdz; do
        counts+=("$(runuser -u postgres -- psql -d $db -Atc 'SELECT (SELECT count(*) FROM projects_project), (SELECT count(*) FROM projects_event), (SELECT count(*) FROM contacts_contact)')")
    done
    runuser -u postgres -- dropdb rdz_restore_test
    [ -n "${counts[0]}" ] && [ "${counts[0]}" != "0|0|0" ] && [ "${counts[0]}" = "${counts[1]}" ] ||
        fail "the restore drill's counts differ: scratch ${counts[0]:-none}, live ${counts[1]:-none}"
    set_title "$a"
    warm "$PROJECT"
    expect_title "$a"
    # Accessibility feedback arrives after the backup; staff must still answer it.
    manage "$ETC/env1" shell -c "from legal.models import Feedback
Feedback.objects.create(page='/', message='$feedback_mark', language='de')" >/dev/null
    # Restore ("Restore"): stop the app servers, keep the feedback, pg_restore,
    # put the feedback back, start them.
    stop_app 1
    stop_app 2
    manage "$ETC/env1" dumpdata legal.feedback --natural-foreign >"$TMP/work/feedback-before-restore.json"
    runuser -u postgres -- pg_restore --clean --if-exists -d rdz "$dump" 2>"$TMP/log/restore.log" || {
        cat "$TMP/log/restore.log" >&2
        fail "pg_restore --clean --if-exists failed"
    }
    manage "$ETC/env1" loaddata --format=json - <"$TMP/work/feedback-before-restore.json" >"$TMP/log/feedback-load.log" 2>&1 || {
        cat "$TMP/log/feedback-load.log" >&2
        fail "loaddata of the feedback kept before the restore failed"
    }
    start_app 1
    start_app 2
    expect_title "$before" "$a"
    count=$(manage "$ETC/env1" shell -c "from legal.models import Feedback
print(Feedback.objects.filter(message='$feedback_mark').count())" | tail -n 1)
    [ "$count" = 1 ] || fail "the feedback received after the backup is gone after the restore (count: $count)"
    # New feedback after the restore gets a new number (the sequence follows the loaded rows).
    manage "$ETC/env1" shell -c "from legal.models import Feedback
Feedback.objects.create(page='/', message='after restore', language='de')" >/dev/null ||
        fail "new feedback after the restore could not be stored (sequence behind the loaded rows?)"
    set_title "$b"
    expect_title "$b" "$a"
    ok "b. the restore drill's counts match the live database; after pg_restore and an edit, both servers serve the new edit, never the page from before the restore; feedback received after the backup kept"
}

probe() { # every 0.1 s through each front server in turn: a page, then its stylesheet; one line each: CODE URL
    local i=0 page code css port
    while [ ! -e "$TMP/work/probe.stop" ]; do
        page=${PAGES[i % ${#PAGES[@]}]}
        # All pages through one front server, then all through the other.
        port=$HTTPS_PORT
        [ $((i / ${#PAGES[@]} % 2)) = 1 ] && port=$HTTPS_PORT2
        i=$((i + 1))
        code=$(tls_at "$port" -o "$TMP/work/probe.html" -w '%{http_code}' --max-time 10 "https://$SITE:$port$page" || true)
        echo "page $code $page"
        css=$(grep -o 'href="/static/css/site\.[0-9a-f]*\.css"' "$TMP/work/probe.html" | head -n 1 | cut -d'"' -f2 || true)
        if [ -n "$css" ]; then
            code=$(tls_at "$port" -o /dev/null -w '%{http_code}' --max-time 10 "https://$SITE:$port$css" || true)
            echo "css $code $css"
        else
            echo "css none $page"
        fi
        sleep 0.1
    done
}
release() { # RELEASE N [ARGS...]: bin/rdz-release of RELEASE on app server N, as root
    local R=$1 n=$2 port_var=P$2
    shift 2
    RDZ_ENV_FILE=$ETC/env$n RDZ_APP_LINK=$SRV/app$n RDZ_USER=$RUN_AS \
        RDZ_RESTART="bash -c 'stop_app $n && start_app $n'" RDZ_RELEASE_LOG=$TMP/log/release.log \
        RDZ_NGINX=127.0.0.1:$HTTPS_PORT,127.0.0.1:$HTTPS_PORT2 CURL_CA_BUNDLE=$TMP/nginx/tls/fullchain.pem \
        "$SRV/releases/$R/bin/rdz-release" "$@" >>"$TMP/log/release-out.log" 2>&1 || {
        tail -n 20 "$TMP/log/release-out.log" >&2
        fail "bin/rdz-release of $R on app server $n failed (output above)"
    }
    [ "$(readlink "$SRV/app$n")" = "$SRV/releases/$R" ] || fail "app server $n does not point at $R after rdz-release"
    grep -qF "done $SRV/releases/$R on 127.0.0.1:${!port_var}: healthy and receiving requests from nginx (127.0.0.1:$HTTPS_PORT 127.0.0.1:$HTTPS_PORT2)" \
        "$TMP/log/release.log" || fail "rdz-release of $R on server $n logged no 'done' after both front servers"
}
expect_releases() { # OLD-MARKER-SERVER NEW-MARKER-SERVER...: "1:old 2:new" - each server serves its release's pages
    local page where n want code port_var
    for page in "${PAGES[@]}"; do
        for where in "$@"; do
            n=${where%%:*} want=${where#*:} port_var=P${where%%:*}
            code=$(get "${!port_var}" "$page" "$TMP/work/c")
            [ "$code" = 200 ] || fail "server $n ($want release): $page answered $code"
            if [ "$want" = new ]; then
                grep -qF "$MARKER" "$TMP/work/c" ||
                    fail "server $n (new release) served $page without the new release's marker: a page the old release rendered, from the shared cache ($(grep -i '^x-page-cache' "$TMP/work/c.h" | tr -d '\r'))"
            elif grep -qF "$MARKER" "$TMP/work/c"; then
                fail "server $n (old release) served $page with the new release's marker (a page of the other release)"
            fi
        done
    done
}
check_c() {
    local page port bad total refused
    for _ in $(seq 600); do
        alive "$BUILD_PID" || break
        sleep 0.2
    done
    [ -e "$TMP/work/r2.ok" ] || {
        tail -n 30 "$TMP/log/build-r2.log" >&2
        fail "building release r2 failed (log above)"
    }
    for page in "${PAGES[@]}"; do warm "$page"; done
    # "Upgrading": migrate and createinitialrevisions from the new release
    # while the old one serves ...
    local step
    for step in "migrate --noinput" createinitialrevisions; do
        # shellcheck disable=SC2086 # the step's words are the command's arguments
        (cd / && RDZ_ENV_FILE=$ETC/env1 runuser -u "$RUN_AS" -- "$SRV/releases/r2/bin/rdz-manage" $step) \
            >>"$TMP/log/migrate-r2.log" 2>&1 || {
            tail -n 30 "$TMP/log/migrate-r2.log" >&2
            fail "$step from release r2 failed"
        }
    done
    # ... and visitors keep coming: a probe through nginx all along.
    rm -f "$TMP/work/probe.stop"
    probe >"$TMP/log/probe.log" 2>&1 &
    local probe_pid=$!
    # check --deploy names the legal facts still empty: rdz-release refuses ...
    refused=0
    RDZ_ENV_FILE=$ETC/env2 RDZ_APP_LINK=$SRV/app2 RDZ_USER=$RUN_AS RDZ_RESTART=false \
        RDZ_RELEASE_LOG=$TMP/log/release.log "$SRV/releases/r2/bin/rdz-release" \
        >"$TMP/log/release-refused.log" 2>&1 || refused=1
    [ "$refused" = 1 ] && [ "$(readlink "$SRV/app2")" = releases/r1 ] ||
        fail "rdz-release switched although check --deploy reports errors"
    grep -q "legal.E" "$TMP/log/release-refused.log" && grep -q "refused .*r2" "$TMP/log/release.log" ||
        fail "rdz-release's refusal does not show the errors or is not logged"
    # ... unless the operator says why, which is logged.
    release r2 2 --allow-check-errors="drill: legal facts of the shipped content"
    grep -q "OVERRIDE r2 on 127.0.0.1:$P2 .*: drill: legal facts" "$TMP/log/release.log" ||
        fail "the override is not in the release log"
    expect_releases 1:old 2:new
    release r2 1 --allow-check-errors="drill: legal facts of the shipped content"
    expect_releases 1:new 2:new
    # Back to r1, server by server.
    release r1 1 --allow-check-errors="drill: rollback"
    expect_releases 1:old 2:new
    release r1 2 --allow-check-errors="drill: rollback"
    expect_releases 1:old 2:old
    touch "$TMP/work/probe.stop"
    wait "$probe_pid" || true
    total=$(grep -c '^page ' "$TMP/log/probe.log" || true)
    bad=$(grep -vE '^(page|css) 200 ' "$TMP/log/probe.log" || true)
    [ "$total" -ge 20 ] || fail "the probe made only $total page requests"
    [ -z "$bad" ] || fail "the probe through nginx got answers other than 200 during the release and rollback:
$(sort "$TMP/log/probe.log" | uniq -c | grep -v ' 200 ' | head -n 20)"
    grep -q "^css 200 /static/css/site\..*" "$TMP/log/probe.log" || fail "the probe never loaded a stylesheet"
    [ "$(grep '^css 200' "$TMP/log/probe.log" | sort -u | wc -l)" -ge 2 ] ||
        fail "the probe saw only one stylesheet: release r2 did not change it, so the check proves nothing"
    ok "c. rolling release r1 -> r2 and rollback with bin/rdz-release (refuses without the logged override): $total pages and their stylesheets every 0.1 s through the two front servers in turn, all 200 (rdz-release waited for both); each server serves only its own release's pages"
}

check_e() {
    local i code
    for i in $(seq 8); do
        [ "$(get "$P1" / "$TMP/work/e")" = 200 ] || fail "server 1 did not answer 200 before the restart"
    done
    runuser -u postgres -- pg_ctl -D "$TMP/pg/data" -m fast -w restart >/dev/null
    for i in 1 2 3 4; do
        code=$(get "$P1" / "$TMP/work/e")
        [ "$code" = 200 ] ||
            fail "request $i to server 1 after the PostgreSQL restart answered $code (stale persistent connection; CONN_HEALTH_CHECKS?)"
    done
    ok "e. PostgreSQL restarted between two requests: the next requests to the same server answer 200"
}

check_f() {
    local size code body
    size=$(stat -c %s "$TMP/log/app1.log")
    code=$(curl -s -o "$TMP/work/f" -w '%{http_code}' --max-time 5 -H 'Host: 10.0.0.5:8000' \
        "http://127.0.0.1:$P1/healthz" || true)
    sleep 0.5
    body=$(head -c 200 "$TMP/work/f" | tr '\n' ' ')
    [ "$code" = 200 ] || fail "/healthz with Host 10.0.0.5:8000 (a probe by IP) answered $code: $body"
    if tail -c +"$((size + 1))" "$TMP/log/app1.log" | grep -q 'Traceback'; then
        fail "the probe by IP left a traceback in server 1's log"
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H 'Host: 10.0.0.5:8000' \
        -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$P1/" || true)
    [ "$code" = 400 ] || fail "a page with Host 10.0.0.5:8000 answered $code, expected 400"
    ok "f. /healthz answers a probe by IP with 200 and no traceback; pages still refuse that Host with 400"
}

redis_checks() { # STATE: pages within 2 s, /healthz 200 saying "degraded"
    local where port page out
    for where in "server 1:$P1" "server 2:$P2"; do
        port=${where#*:}
        for page in / "$PROJECT" /en/; do
            out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 2 -H "Host: $SITE" \
                -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port$page" || true)
            [ "${out%% *}" = 200 ] ||
                fail "Redis $1: $page on ${where%%:*} got ${out%% *} within 2 s (000 = no answer in time) (time ${out#* } s)"
        done
        out=$(curl -s -o "$TMP/work/hz" -w '%{http_code} %{time_total}' --max-time 2 -H "Host: $SITE" \
            "http://127.0.0.1:$port/healthz" || true)
        [ "${out%% *}" = 200 ] || fail "Redis $1: /healthz on ${where%%:*} answered ${out%% *} (time ${out#* } s)"
        grep -qi 'degraded' "$TMP/work/hz" ||
            fail "Redis $1: /healthz on ${where%%:*} says \"$(head -c 100 "$TMP/work/hz")\", not that the cache is degraded"
    done
    out=$(tls -o /dev/null -w '%{http_code}' --max-time 2 "https://$SITE:$HTTPS_PORT/" || true)
    [ "$out" = 200 ] || fail "Redis $1: / through nginx answered $out within 2 s"
}
redis_down() { # wake Redis if stopped, end it, wait until it is gone
    kill -CONT "$REDIS_PID" 2>/dev/null || true
    kill -TERM "$REDIS_PID" 2>/dev/null || true
    for _ in $(seq 100); do
        alive "$REDIS_PID" || return 0
        sleep 0.1
    done
    kill -KILL "$REDIS_PID" 2>/dev/null || true
}
check_d() {
    # However this check ends, Redis ends stopped (check g needs it down).
    trap redis_down EXIT
    kill -STOP "$REDIS_PID"
    redis_checks hung
    kill -CONT "$REDIS_PID"
    ok "d. Redis hung (SIGSTOP): pages 200 within 2 s on both servers and nginx; /healthz 200, cache degraded"
    redis_down
    redis_checks stopped
    ok "d. Redis stopped: pages 200 within 2 s on both servers and nginx; /healthz 200, cache degraded"
}

check_g() {
    local form=/barrierefreiheit/feedback/ jar=$TMP/work/cookies mark="Drill-Rueckmeldung-$RANDOM$RANDOM"
    local code token location count
    redis_down
    # Through nginx, over HTTPS, as a browser would (the CSRF cookie is Secure).
    code=$(tls -o "$TMP/work/form" -w '%{http_code}' -c "$jar" "https://$SITE:$HTTPS_PORT$form" || true)
    [ "$code" = 200 ] || fail "GET $form with Redis down answered $code"
    token=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$TMP/work/form" | head -n 1)
    [ -n "$token" ] && grep -q csrftoken "$jar" || fail "the feedback form came without a CSRF token or cookie"
    code=$(tls -o "$TMP/work/post" -D "$TMP/work/post.h" -w '%{http_code}' -b "$jar" \
        -H "Origin: https://$SITE" --data-urlencode "csrfmiddlewaretoken=$token" \
        --data-urlencode "name=" --data-urlencode "email=" --data-urlencode "page=/" \
        --data-urlencode "message=$mark" --data-urlencode "website=" \
        "https://$SITE:$HTTPS_PORT$form" || true)
    location=$(sed -n 's/^[Ll]ocation: *//p' "$TMP/work/post.h" | tr -d '\r')
    [ "$code" = 302 ] && [ -n "$location" ] && [ "${location%%\?*}" != "$form" ] ||
        fail "POST $form with Redis down answered $code (location: ${location:-none}), not a redirect to the thank-you page"
    code=$(tls -o /dev/null -w '%{http_code}' -b "$jar" "https://$SITE:$HTTPS_PORT$location" || true)
    [ "$code" = 200 ] || fail "the thank-you page $location answered $code"
    count=$(manage "$ETC/env1" shell -c "from legal.models import Feedback
print(Feedback.objects.filter(message='$mark').count())" | tail -n 1)
    [ "$count" = 1 ] || fail "the feedback is not in the database (count: $count)"
    ok "g. feedback with Redis down (through nginx): form, POST, redirect to the thank-you page, row in the database"
}

check_h() {
    local form=/barrierefreiheit/feedback/ jar=$TMP/work/cookies-h mark="Drill-Relay-$RANDOM$RANDOM"
    local out token i
    tls -o "$TMP/work/form-h" -c "$jar" "https://$SITE:$HTTPS_PORT$form" >/dev/null || true
    token=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$TMP/work/form-h" | head -n 1)
    [ -n "$token" ] || fail "the feedback form came without a CSRF token"
    # The relay hangs: it accepts connections and says nothing.
    touch "$TMP/mail/hang"
    out=$(tls -o /dev/null -w '%{http_code} %{time_total}' -b "$jar" -H "Origin: https://$SITE" \
        --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "page=/" \
        --data-urlencode "message=$mark" --data-urlencode "website=" \
        "https://$SITE:$HTTPS_PORT$form" || true)
    [ "${out%% *}" = 302 ] || { rm -f "$TMP/mail/hang"; fail "POST $form with the relay hanging answered ${out%% *}"; }
    # Sending in the request would wait for EMAIL_TIMEOUT (10 s); 3 s leaves
    # room for a busy machine (0.03-0.25 s measured).
    awk -v t="${out#* }" 'BEGIN { exit !(t < 3) }' ||
        { rm -f "$TMP/mail/hang"; fail "POST $form with the relay hanging took ${out#* } s (more than 3 s)"; }
    sleep 1
    if grep -lq "$mark" "$TMP"/mail/*.eml 2>/dev/null; then fail "the mail went out although the relay hangs"; fi
    # The relay comes back: the mail goes out.
    rm -f "$TMP/mail/hang"
    for i in $(seq 150); do
        grep -lq "$mark" "$TMP"/mail/*.eml 2>/dev/null && break
        sleep 0.1
    done
    grep -lq "$mark" "$TMP"/mail/*.eml 2>/dev/null || fail "the staff e-mail did not go out after the relay came back"
    run_unit "$TMP/systemd/rdz-feedback-mail.service" "$ETC/env1" >"$TMP/log/feedback-mail.log" 2>&1 || {
        cat "$TMP/log/feedback-mail.log" >&2
        fail "rdz-feedback-mail.service's command failed"
    }
    grep -qE "^Sent [0-9]+ feedback" "$TMP/log/feedback-mail.log" ||
        fail "send_feedback_mail: $(cat "$TMP/log/feedback-mail.log")"
    ok "h. mail relay hung: the feedback POST answered in ${out#* } s; the staff e-mail went out once the relay was back; rdz-feedback-mail.service runs"
}

run_check a check_a
run_check i check_i
run_check l check_l
run_check j check_j
run_check b check_b
run_check c check_c
run_check k check_k
run_check e check_e
run_check f check_f
run_check h check_h
run_check d check_d
run_check g check_g

for f in db.sqlite3 .secret_key media; do
    for R in r1 r2; do
        [ ! -e "$SRV/releases/$R/$f" ] || fail "something wrote $f into release $R"
    done
done
ok "nothing was written into the release folders (no db.sqlite3, .secret_key, media)"
if [ "$failed" -gt 0 ]; then exit 1; fi
