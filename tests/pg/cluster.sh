#!/usr/bin/env bash
# A private PostgreSQL cluster for the ledger's tests, benches and demo: nothing system-wide is started.
#
#   tests/pg/cluster.sh start DIR    initdb in DIR/data, a free loopback port, scram-sha-256 password auth for
#                                    the superuser `rmos`; prints the URL and writes it to DIR/url
#   tests/pg/cluster.sh stop DIR     stops it (fast shutdown) if it runs
#   tests/pg/cluster.sh crash DIR    stops it at once, as a power cut would (`pg_ctl stop -m immediate`)
#   tests/pg/cluster.sh restart DIR  starts it again on the same port (after a stop or a crash)
#
# initdb refuses to run as root: as root the server runs as the `postgres` user, who owns DIR/data.
# PG_BIN overrides where the server binaries are (default: Debian's newest /usr/lib/postgresql/*/bin).
set -euo pipefail

usage() { echo "usage: $0 start|stop|crash|restart DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
dir=$2

pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$pg_bin/initdb" ] || { echo "cluster.sh: no PostgreSQL server binaries (install Debian's postgresql)" >&2; exit 1; }

# Runs a server binary as the user owning the cluster.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_server() {
	as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
}

case $cmd in
start)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	[ ! -e "$dir/data" ] || { echo "cluster.sh: $dir/data exists already" >&2; exit 1; }
	password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
	port=$(free_port)
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres "$dir"
		chmod 700 "$dir"
		runuser -u postgres -- test -w "$dir" ||
			{ echo "cluster.sh: user postgres cannot reach $dir (a parent directory is closed to it)" >&2; exit 1; }
	fi
	umask 077
	printf '%s\n' "$password" > "$dir/pwfile"
	[ "$(id -u)" -ne 0 ] || chown postgres "$dir/pwfile"
	as_owner "$pg_bin/initdb" -D "$dir/data" -U rmos --pwfile="$dir/pwfile" --auth=scram-sha-256 \
		-E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	rm -f "$dir/pwfile"
	cat >> "$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
fsync = on
synchronous_commit = on
CONF
	start_server
	url="postgresql://rmos:$password@127.0.0.1:$port/postgres"
	printf '%s\n' "$url" > "$dir/url"
	[ "$(id -u)" -ne 0 ] || chmod 644 "$dir/url"
	echo "$url"
	;;
restart)
	start_server
	cat "$dir/url"
	;;
crash)
	as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
	;;
stop)
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	fi
	;;
*) usage ;;
esac
