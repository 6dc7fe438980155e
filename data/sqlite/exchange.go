package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"sort"
	"strings"

	"github.com/google/uuid"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/atomicfile"
	"github.com/tavoli/tavoli/data/bundle"
)

// baseKey is the entry of a bundle record's row that carries what the record's version was made on
// top of: a JSON object of device ids to the latest updated time of each among its ancestors ("" for
// a version made from nothing).
const baseKey = "@base"

// versionSpace derives the id of a version set aside from the version itself, so that every laptop
// that sets the same version aside makes the same record.
var versionSpace = uuid.MustParse("7d0f6a55-3c1e-4b6e-9f41-5a1f0c7b2e90")

// ReadBundle reads and verifies a whole bundle written for this schema or an older one.
func ReadBundle(r io.Reader, passphrase string) (*bundle.Incoming, error) {
	return bundle.ReadAll(r, bundle.ReadOptions{Passphrase: passphrase, MaxSchema: SchemaVersion()})
}

// ReadBundleFile reads and verifies the bundle at path, written for this schema or an older one.
func ReadBundleFile(path, passphrase string) (*bundle.Incoming, error) {
	return bundle.ReadFile(path, bundle.ReadOptions{Passphrase: passphrase, MaxSchema: SchemaVersion()})
}

// tableColumns lists a synchronised table's columns (id first) with their declared types.
type tableColumns struct {
	names []string
	types map[string]string
}

func columnsOf(ctx context.Context, q querier, table string) (tableColumns, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, type FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return tableColumns{}, err
	}
	defer rows.Close()
	tc := tableColumns{types: map[string]string{}}
	for rows.Next() {
		var n, t string
		if err := rows.Scan(&n, &t); err != nil {
			return tableColumns{}, err
		}
		tc.names = append(tc.names, n)
		tc.types[n] = strings.ToUpper(t)
	}
	return tc, rows.Err()
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// scanRecords reads rows of "SELECT <table columns>, base FROM …" into bundle records.
func scanRecords(rows *sql.Rows, kind data.Kind, tc tableColumns) ([]bundle.Record, error) {
	defer rows.Close()
	var out []bundle.Record
	vals := make([]any, len(tc.names)+1)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		rec := bundle.Record{Kind: string(kind), Row: map[string]any{}}
		for i, n := range tc.names {
			v := vals[i]
			if b, ok := v.([]byte); ok {
				v = bytes.Clone(b)
			}
			if n == "id" {
				rec.ID, _ = v.(string)
				continue
			}
			rec.Row[n] = v
		}
		base, _ := vals[len(tc.names)].(string)
		rec.Row[baseKey] = base
		out = append(out, rec)
	}
	return out, rows.Err()
}

// selectList is "t.a, t.b, …, base" for a table's columns, with the record's sync base last.
func selectList(tc tableColumns) string {
	cols := make([]string, len(tc.names))
	for i, n := range tc.names {
		cols[i] = "t." + n
	}
	return strings.Join(cols, ", ") + `, COALESCE(b.seen, '')`
}

// ExportBundle writes a bundle of this database to w and records it in the history of exchanges.
// Nothing is recorded when writing fails; the caller removes the partial file. ExportFile records the
// export only once the file is complete and in place.
func (s *Store) ExportBundle(ctx context.Context, w io.Writer, opt bundle.ExportOptions) (data.Exchange, error) {
	ex, err := s.writeBundle(ctx, w, opt)
	if err != nil {
		return ex, err
	}
	return ex, s.recordExport(ctx, &ex)
}

// recordExport adds a bundle written in full to the history: the next bundles list it, so that a
// receiver that misses it can name it. Windows start from acknowledgements, not from it.
func (s *Store) recordExport(ctx context.Context, ex *data.Exchange) error {
	if s.readOnly {
		return nil
	}
	return s.write(ctx, func(tx *sql.Tx) error { return s.recordExchange(ctx, tx, ex) })
}

// writeBundle writes a bundle and says what it holds, without recording it.
func (s *Store) writeBundle(ctx context.Context, w io.Writer, opt bundle.ExportOptions) (data.Exchange, error) {
	var ex data.Exchange
	var h bundle.Header
	var recs []bundle.Record
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		h, ex, err = s.exportHeader(ctx, tx, opt)
		if err != nil {
			return err
		}
		for _, kind := range data.SyncKinds {
			table := tables[kind]
			tc, err := columnsOf(ctx, tx, table)
			if err != nil {
				return err
			}
			q := `SELECT ` + selectList(tc) + ` FROM ` + table + ` t
				LEFT JOIN sync_base b ON b.kind = ? AND b.id = t.id`
			args := []any{string(kind)}
			if h.Since > 0 {
				q += ` WHERE t.id IN (SELECT id FROM changes WHERE kind = ? AND seq > ?)`
				args = append(args, string(kind), h.Since)
			}
			rows, err := tx.QueryContext(ctx, q+` ORDER BY t.id`, args...)
			if err != nil {
				return err
			}
			rs, err := scanRecords(rows, kind, tc)
			if err != nil {
				return err
			}
			recs = append(recs, rs...)
		}
		return nil
	})
	if err != nil {
		return data.Exchange{}, err
	}
	seq := func(yield func(bundle.Record, error) bool) {
		for _, r := range recs {
			if !yield(r, nil) {
				return
			}
		}
	}
	h, err = bundle.Write(w, h, iter.Seq2[bundle.Record, error](seq), bundle.WriteOptions{
		Passphrase: opt.Passphrase, NoEncryption: opt.NoEncryption})
	if err != nil {
		return data.Exchange{}, err
	}
	ex.SHA256, ex.Records, ex.Encrypted = h.SHA256, len(recs), !opt.NoEncryption
	return ex, nil
}

// ExportFile writes a bundle to path whole or not at all (see atomicfile), so that a failed export (a
// full disk, a stick pulled out, a killed process) never leaves a file that looks like a bundle.
func (s *Store) ExportFile(ctx context.Context, path string, opt bundle.ExportOptions) (data.Exchange, error) {
	if opt.File == "" {
		opt.File = filepath.Base(path)
	}
	var ex data.Exchange
	err := atomicfile.Write(path, func(w io.Writer) error {
		var err error
		ex, err = s.writeBundle(ctx, w, opt)
		return err
	})
	if err != nil {
		return data.Exchange{}, err
	}
	// Only a bundle that is in place counts as sent: a failed one must not move the next window on.
	return ex, s.recordExport(ctx, &ex)
}

// ExportWindow says what an export with opt would carry, writing nothing: its window of this
// database's change sequence, and the peer whose acknowledgement it starts at (From).
func (s *Store) ExportWindow(ctx context.Context, opt bundle.ExportOptions) (data.Exchange, error) {
	var ex data.Exchange
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		_, ex, err = s.exportHeader(ctx, tx, opt)
		return err
	})
	return ex, err
}

// exportHeader works out the window of an export and the header naming the Ambito and the sender.
func (s *Store) exportHeader(ctx context.Context, tx *sql.Tx, opt bundle.ExportOptions) (bundle.Header, data.Exchange, error) {
	h := bundle.Header{Schema: SchemaVersion(), Sender: s.device, Created: s.now().UTC()}
	err := tx.QueryRowContext(ctx, `SELECT id, name FROM ambito WHERE deleted = 0 ORDER BY created, id LIMIT 1`).
		Scan(&h.AmbitoID, &h.AmbitoName)
	if errors.Is(err, sql.ErrNoRows) {
		return h, data.Exchange{}, data.Errorf(data.EInvalid, "err.exchange.no_ambito")
	}
	if err != nil {
		return h, data.Exchange{}, err
	}
	h.SenderName, err = deviceLabel(ctx, tx, s.device)
	if err != nil {
		return h, data.Exchange{}, err
	}
	ex := data.Exchange{ID: s.newID(), At: h.Created, Direction: data.ExchangeExport, Device: s.device,
		File: filepath.Base(opt.File)}
	if opt.File == "" {
		ex.File = ""
	}
	if opt.Peer != "" {
		p, err := s.findPeer(ctx, tx, opt.Peer)
		if err != nil {
			return h, ex, err
		}
		h.Peer, ex.Peer, ex.PeerName = p.Device, p.Device, p.Name
	}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM changes`).Scan(&h.Upto); err != nil {
		return h, ex, err
	}
	// The header says, in the same transaction as the records, what this database holds: a receiver
	// that merges the bundle holds it too (see acks.go).
	book, err := readAcks(ctx, tx)
	if err != nil {
		return h, ex, err
	}
	h.Acks = headerAcks(book, s.device)
	if h.Sent, err = s.sentBefore(ctx, tx); err != nil {
		return h, ex, err
	}
	peers, err := s.peersWith(ctx, tx, book, h.Upto)
	if err != nil {
		return h, ex, err
	}
	since, from := windowStart(book, s.device, peers, h.Peer, h.Upto)
	if !opt.Everything {
		h.Since = since
	}
	ex.Since, ex.Upto, ex.Everything, ex.From = h.Since, h.Upto, h.Since == 0, from
	return h, ex, nil
}

// deviceLabel is a device's operator or computer name, or "" when it is not known.
func deviceLabel(ctx context.Context, q querier, id string) (string, error) {
	var name, operator string
	err := q.QueryRowContext(ctx, `SELECT name, operator FROM devices WHERE id = ?`, id).Scan(&name, &operator)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return data.Device{Name: name, Operator: operator}.Label(), err
}

// Peers lists the other installations this database knows: every device that wrote to it, every one
// it exchanged with and every one whose acknowledgement reached it, with the last bundle written for
// and read from each, and what each acknowledged holding of this database's changes.
func (s *Store) Peers(ctx context.Context) ([]data.Peer, error) {
	var out []data.Peer
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = s.peers(ctx, tx)
		return err
	})
	return out, err
}

func (s *Store) peers(ctx context.Context, tx *sql.Tx) ([]data.Peer, error) {
	book, err := readAcks(ctx, tx)
	if err != nil {
		return nil, err
	}
	var upto int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM changes`).Scan(&upto); err != nil {
		return nil, err
	}
	return s.peersWith(ctx, tx, book, upto)
}

// peersWith is peers, with the book of acknowledgements read and the end of this database's sequence.
func (s *Store) peersWith(ctx context.Context, tx *sql.Tx, book ackBook, upto int64) ([]data.Peer, error) {
	rows, err := tx.QueryContext(ctx, `
		WITH ids AS (SELECT id FROM devices WHERE deleted = 0 UNION SELECT peer FROM exchanges WHERE peer <> ''
			UNION SELECT value FROM json_each(?))
		SELECT ids.id, COALESCE(d.name, ''), COALESCE(d.operator, ''),
			COALESCE((SELECT peer_name FROM exchanges e WHERE e.peer = ids.id ORDER BY at DESC LIMIT 1), ''),
			COALESCE((SELECT MAX(at) FROM exchanges e WHERE e.peer = ids.id AND direction = 'export'), ''),
			COALESCE((SELECT MAX(at) FROM exchanges e WHERE e.peer = ids.id AND direction = 'import'), '')
		FROM ids LEFT JOIN devices d ON d.id = ids.id
		WHERE ids.id <> ?`, book.holders(), s.device)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Peer
	for rows.Next() {
		var p data.Peer
		var name, operator, known, exp, imp string
		if err := rows.Scan(&p.Device, &name, &operator, &known, &exp, &imp); err != nil {
			return nil, err
		}
		p.Name = data.Device{Name: name, Operator: operator}.Label()
		if p.Name == "" {
			p.Name = known
		}
		if exp != "" {
			p.LastExport, _ = parseTime(exp)
		}
		if imp != "" {
			p.LastImport, _ = parseTime(imp)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for i := range out {
		if out[i].Received, err = s.receipt(ctx, tx, book, out[i].Device, upto); err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !a.LastImport.Equal(b.LastImport) {
			return a.LastImport.After(b.LastImport)
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Device < b.Device
	})
	return out, nil
}

// findPeer resolves a device id, or an operator's or computer's name (case and accents folded).
func (s *Store) findPeer(ctx context.Context, tx *sql.Tx, name string) (data.Peer, error) {
	peers, err := s.peers(ctx, tx)
	if err != nil {
		return data.Peer{}, err
	}
	var found []data.Peer
	want := data.Fold(name)
	for _, p := range peers {
		if p.Device == name {
			return p, nil
		}
		var dn, op string
		_ = tx.QueryRowContext(ctx, `SELECT name, operator FROM devices WHERE id = ?`, p.Device).Scan(&dn, &op)
		if want != "" && (data.Fold(p.Name) == want || data.Fold(dn) == want || data.Fold(op) == want) {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		if uuid.Validate(name) == nil {
			return data.Peer{Device: name}, nil // an installation met for the first time: it gets everything
		}
		return data.Peer{}, data.Errorf(data.EUnknownPeer, "err.exchange.peer_unknown", "name", name)
	}
	return data.Peer{}, data.Errorf(data.EInvalid, "err.exchange.peer_ambiguous", "name", name)
}

// recordExchange adds an exchange to the history.
func (s *Store) recordExchange(ctx context.Context, tx *sql.Tx, ex *data.Exchange) error {
	if ex.ID == "" {
		ex.ID = s.newID()
	}
	summary, err := json.Marshal(ex.Changes)
	if err != nil {
		return err
	}
	if ex.Changes == nil {
		summary = []byte("[]")
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO exchanges (id, at, direction, device, peer, peer_name, everything,
		file, sha256, since, upto, encrypted, records, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ex.ID, fmtTime(ex.At), string(ex.Direction), ex.Device, ex.Peer, ex.PeerName, ex.Everything,
		ex.File, ex.SHA256, ex.Since, ex.Upto, ex.Encrypted, ex.Records, string(summary))
	return err
}

// Exchanges lists the bundles written and read here, the latest first.
func (s *Store) Exchanges(ctx context.Context) ([]data.Exchange, error) {
	var out []data.Exchange
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, at, direction, device, peer, peer_name, everything, file,
			sha256, since, upto, encrypted, records, summary FROM exchanges ORDER BY at DESC, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ex data.Exchange
			var at, dir, summary string
			if err := rows.Scan(&ex.ID, &at, &dir, &ex.Device, &ex.Peer, &ex.PeerName, &ex.Everything, &ex.File,
				&ex.SHA256, &ex.Since, &ex.Upto, &ex.Encrypted, &ex.Records, &summary); err != nil {
				return err
			}
			ex.Direction = data.ExchangeDirection(dir)
			if ex.At, err = parseTime(at); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(summary), &ex.Changes); err != nil {
				return fmt.Errorf("exchange %s: summary: %w", ex.ID, err)
			}
			out = append(out, ex)
		}
		return rows.Err()
	})
	return out, err
}

// Dump writes every synchronised record, tombstones and versions set aside included, as one JSON line
// each, by kind (in data.SyncKinds order) then id, with sorted columns. Two databases that exchanged
// until nothing changes hold the same records: their dumps are byte for byte the same. What belongs to
// one database only (its change sequence, sync bases, history of exchanges and settings) is left out.
func (s *Store) Dump(ctx context.Context, w io.Writer) error {
	return s.read(ctx, func(tx *sql.Tx) error {
		bw := bufio.NewWriter(w)
		for _, kind := range data.SyncKinds {
			tc, err := columnsOf(ctx, tx, tables[kind])
			if err != nil {
				return err
			}
			rows, err := tx.QueryContext(ctx, `SELECT `+selectList(tc)+` FROM `+tables[kind]+` t
				LEFT JOIN sync_base b ON 0 ORDER BY t.id`)
			if err != nil {
				return err
			}
			recs, err := scanRecords(rows, kind, tc)
			if err != nil {
				return err
			}
			for _, r := range recs {
				delete(r.Row, baseKey)
				line, err := json.Marshal(struct {
					Kind string         `json:"kind"`
					ID   string         `json:"id"`
					Row  map[string]any `json:"row"`
				}{r.Kind, r.ID, r.Row})
				if err != nil {
					return err
				}
				bw.Write(line)
				bw.WriteByte('\n')
			}
		}
		return bw.Flush()
	})
}
