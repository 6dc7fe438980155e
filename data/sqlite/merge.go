package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/google/uuid"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
	"github.com/tavoli/tavoli/data/merge"
)

// MergeBundle merges a bundle into this database in one transaction: all of it, or nothing. With
// DryRun it returns the preview and writes nothing.
//
// Each record is compared with the version held here by the rules of package merge, which this store
// applies (merger.apply). A version made on top of the other (its sync base is the other) replaces it;
// two versions made independently are a conflict: the later by (updated time, device id) wins, and the
// other is kept as a record version, listed under Conflitti. An approved session and its verbale never
// change: a different incoming version is kept aside as locked. Records of kinds that only have a
// newer Tavoli, or columns this schema lacks, are refused.
func (s *Store) MergeBundle(ctx context.Context, in *bundle.Incoming, opt bundle.ImportOptions) (data.ImportResult, error) {
	h := in.Header
	res := data.ImportResult{AmbitoID: h.AmbitoID, AmbitoName: h.AmbitoName, Sender: h.Sender,
		SenderName: h.SenderName, Created: h.Created, Schema: h.Schema, Encrypted: in.Encrypted,
		Everything: h.Since == 0, Records: len(in.Records), SHA256: h.SHA256}
	if s.readOnly && !opt.DryRun {
		return res, data.Errorf(data.EReadOnly, "err.db.readonly")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, dbError(err)
	}
	defer tx.Rollback()
	var local string
	err = tx.QueryRowContext(ctx, `SELECT id FROM ambito WHERE deleted = 0 ORDER BY created, id LIMIT 1`).Scan(&local)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return res, dbError(err)
	}
	res.OtherAmbito = local != "" && local != h.AmbitoID
	if res.OtherAmbito && !opt.DryRun {
		// Never merged: the other Ambito's areas, bodies and people would sit beside this one's as
		// duplicates, and nothing could part them again. Its place is a database of its own.
		return res, data.Errorf(data.EOtherAmbito, "err.exchange.other_ambito", "name", h.AmbitoName)
	}
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM exchanges WHERE direction = 'import' AND sha256 = ?)`,
		h.SHA256).Scan(&res.Seen); err != nil {
		return res, dbError(err)
	}
	if err := s.checkWindow(ctx, tx, h); err != nil {
		return res, err
	}
	m := merger{s: s, tx: tx, ctx: ctx, skipAmbito: res.OtherAmbito, ambito: h.AmbitoID,
		counts: map[data.Kind]*data.KindChanges{}}
	// Versions set aside first: a record whose local version another laptop refused (its approved
	// session) takes the approved version back in the same merge.
	for _, first := range []bool{true, false} {
		for _, rec := range in.Records {
			if (rec.Kind == string(data.KindRecordVersion)) != first {
				continue
			}
			if err := m.merge(rec); err != nil {
				return res, err
			}
		}
	}
	for _, k := range data.SyncKinds {
		if c := m.counts[k]; c != nil {
			c.Kind = k
			res.Kinds = append(res.Kinds, *c)
		}
	}
	// A record whose deletion lost to an edit here, or came back, brings back what went with it.
	if res.Revived, err = s.revived(ctx, tx); err != nil {
		return res, dbError(err)
	}
	// The same person or organisation created here and on the sender's laptop becomes one record.
	if res.Joined, err = m.autoJoin(m.added); err != nil {
		return res, dbError(err)
	}
	// What arrived naming a record joined into another follows it.
	if err := s.followAliases(ctx, tx); err != nil {
		return res, dbError(err)
	}
	if m.erased {
		if err := optimiseSearch(ctx, tx); err != nil {
			return res, dbError(err)
		}
	}
	if err := m.checkReferences(); err != nil {
		return res, err
	}
	if opt.DryRun {
		return res, nil
	}
	ex := data.Exchange{At: s.now().UTC(), Direction: data.ExchangeImport, Device: s.device, Peer: h.Sender,
		PeerName: h.SenderName, Everything: res.Everything, File: filepath.Base(opt.File), SHA256: h.SHA256,
		Since: h.Since, Upto: h.Upto, Encrypted: in.Encrypted, Records: len(in.Records), Changes: res.Kinds}
	if opt.File == "" {
		ex.File = ""
	}
	if err := s.recordExchange(ctx, tx, &ex); err != nil {
		return res, dbError(err)
	}
	if err := s.recordAcks(ctx, tx, h); err != nil {
		return res, dbError(err)
	}
	if err := tx.Commit(); err != nil {
		return res, dbError(err)
	}
	s.mu.Lock()
	s.lastSaved = s.now()
	s.mu.Unlock()
	res.Applied = true
	if m.erased {
		// The merge is in; the old pages are written over now. Failing that, the data are safe and
		// erased, and the next erasure or the closing of the file finishes the job.
		s.purge(ctx)
	}
	return res, nil
}

// importedUpto is how far this database has read a sender's change sequence without a gap through the
// sender's own bundles alone: what it held before acknowledgements existed (see acks.go).
func importedUpto(ctx context.Context, tx *sql.Tx, sender string) (int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT since, upto FROM exchanges WHERE direction = 'import' AND peer = ?
		ORDER BY since, upto`, sender)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var have int64
	for rows.Next() {
		var since, upto int64
		if err := rows.Scan(&since, &upto); err != nil {
			return 0, err
		}
		if since <= have {
			have = max(have, upto)
		}
	}
	return have, rows.Err()
}

// merger merges the records of one bundle inside one transaction.
type merger struct {
	s          *Store
	tx         *sql.Tx
	ctx        context.Context
	skipAmbito bool
	ambito     string // the Ambito the header names: the only one a bundle may carry
	cols       map[data.Kind]tableColumns
	counts     map[data.Kind]*data.KindChanges
	approved   map[string]bool // sessions approved here when the merge began; nil until needed
	prepared   map[string]*sql.Stmt
	added      map[data.Ref]bool // people and organisations the merge made live, to look for their twins
	erased     bool              // an erasure arrived: the file is rewritten once the merge is in
}

// stmt prepares a statement once per merge: a bundle repeats the same few for thousands of records.
func (m *merger) stmt(query string) (*sql.Stmt, error) {
	if st, ok := m.prepared[query]; ok {
		return st, nil
	}
	st, err := m.tx.PrepareContext(m.ctx, query)
	if err != nil {
		return nil, err
	}
	if m.prepared == nil {
		m.prepared = map[string]*sql.Stmt{}
	}
	m.prepared[query] = st
	return st, nil
}

func (m *merger) exec(query string, args ...any) (sql.Result, error) {
	st, err := m.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(m.ctx, args...)
}

func (m *merger) query(query string, args ...any) (*sql.Rows, error) {
	st, err := m.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(m.ctx, args...)
}

// rowScanner is a single row, or the error of preparing its statement.
type rowScanner struct {
	row *sql.Row
	err error
}

func (r rowScanner) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	return r.row.Scan(dest...)
}

func (m *merger) queryRow(query string, args ...any) rowScanner {
	st, err := m.stmt(query)
	if err != nil {
		return rowScanner{err: err}
	}
	return rowScanner{row: st.QueryRowContext(m.ctx, args...)}
}

func (m *merger) count(kind data.Kind) *data.KindChanges {
	c := m.counts[kind]
	if c == nil {
		c = &data.KindChanges{}
		m.counts[kind] = c
	}
	return c
}

// badRecord is the refusal of a record that a bundle with a valid checksum should never carry.
func badRecord(kind, id string, cause error) error {
	return data.Errorf(data.ECorrupt, "err.exchange.bad_record", "kind", kind, "id", id).Wrap(cause)
}

// held is a record as this database has it, or as a bundle carries it: its columns and sync base.
type held = merge.Record

func (m *merger) columns(kind data.Kind) (tableColumns, error) {
	if tc, ok := m.cols[kind]; ok {
		return tc, nil
	}
	tc, err := columnsOf(m.ctx, m.tx, tables[kind])
	if err != nil {
		return tc, err
	}
	if m.cols == nil {
		m.cols = map[data.Kind]tableColumns{}
	}
	m.cols[kind] = tc
	return tc, nil
}

// load reads a record and its sync base; ok is false when it is not held.
func (m *merger) load(kind data.Kind, id string) (held, bool, error) {
	tc, err := m.columns(kind)
	if err != nil {
		return held{}, false, err
	}
	rows, err := m.query(`SELECT `+selectList(tc)+` FROM `+tables[kind]+` t
		LEFT JOIN sync_base b ON b.kind = ? AND b.id = t.id WHERE t.id = ?`, string(kind), id)
	if err != nil {
		return held{}, false, err
	}
	recs, err := scanRecords(rows, kind, tc)
	if err != nil || len(recs) == 0 {
		return held{}, false, err
	}
	base, _ := recs[0].Row[baseKey].(string)
	delete(recs[0].Row, baseKey)
	return held{Row: recs[0].Row, Base: base}, true, nil
}

// incoming checks a bundle record against the table and splits off its base.
func (m *merger) incoming(rec bundle.Record) (data.Kind, held, error) {
	kind := data.Kind(rec.Kind)
	if _, ok := tables[kind]; !ok {
		return kind, held{}, badRecord(rec.Kind, rec.ID, fmt.Errorf("unknown kind"))
	}
	tc, err := m.columns(kind)
	if err != nil {
		return kind, held{}, dbError(err)
	}
	in := held{Row: map[string]any{}}
	for k, v := range rec.Row {
		if k == baseKey {
			b, ok := v.(string)
			if !ok {
				return kind, in, badRecord(rec.Kind, rec.ID, fmt.Errorf("base %T", v))
			}
			in.Base = b
			continue
		}
		if _, ok := tc.types[k]; !ok || k == "id" {
			return kind, in, badRecord(rec.Kind, rec.ID, fmt.Errorf("column %q", k))
		}
		in.Row[k] = v
	}
	for _, k := range []string{"created", "updated", "device"} {
		s, ok := in.Row[k].(string)
		if !ok || s == "" {
			return kind, in, badRecord(rec.Kind, rec.ID, fmt.Errorf("%s missing", k))
		}
		if k != "device" {
			if _, err := parseTime(s); err != nil {
				return kind, in, badRecord(rec.Kind, rec.ID, err)
			}
		}
	}
	if b, ok := in.Row["deleted"].(bool); ok {
		in.Row["deleted"] = map[bool]int64{false: 0, true: 1}[b]
	}
	if d, ok := in.Row["deleted"].(int64); !ok || (d != 0 && d != 1) {
		return kind, in, badRecord(rec.Kind, rec.ID, fmt.Errorf("deleted %v", in.Row["deleted"]))
	}
	return kind, in, nil
}

// merge decides what one incoming record does here and does it.
func (m *merger) merge(rec bundle.Record) error {
	kind, in, err := m.incoming(rec)
	if err != nil {
		return err
	}
	if err := m.scrubIncoming(kind, in); err != nil {
		return err
	}
	if err := m.scrubIncomingHistory(kind, in); err != nil {
		return err
	}
	c := m.count(kind)
	if kind == data.KindAmbito {
		// A database is one Ambito's: a bundle carries that Ambito's own record, never another one and
		// never its deletion (the store refuses to delete an Ambito, so no Tavoli writes one).
		if rec.ID != m.ambito || in.Deleted() {
			return badRecord(rec.Kind, rec.ID, fmt.Errorf("ambito %s (deleted %v) in a bundle of %s", rec.ID, in.Deleted(), m.ambito))
		}
		if m.skipAmbito {
			c.Unchanged++
			return nil
		}
	}
	local, ok, err := m.load(kind, rec.ID)
	if err != nil {
		return dbError(err)
	}
	f := merge.Facts{Kind: kind, In: in}
	judged := in.Row // whose session decides the lock: the version held, or the incoming one
	if ok {
		f.Local, judged = &local, local.Row
	} else if kind == data.KindVerbale {
		first, err := m.firstApproval(c, rec.ID, in)
		if err != nil || !first {
			return err
		}
	}
	f.Locked = func() (bool, error) {
		locked, err := m.locked(kind, rec.ID, judged)
		return locked, dbError(err)
	}
	f.Refused = func() (bool, error) { return m.setAside(kind, rec.ID, local.Version()) }
	d, err := merge.Decide(f)
	var bad *merge.BaseError
	switch {
	case errors.As(err, &bad) && bad.Local:
		return dbError(bad.Err)
	case bad != nil:
		return badRecord(rec.Kind, rec.ID, bad.Err)
	case err != nil:
		return err
	}
	return m.apply(c, kind, rec.ID, d, ok)
}

// apply does what a merge decided: keeps a version aside, writes the new current version, counts.
func (m *merger) apply(c *data.KindChanges, kind data.Kind, id string, d merge.Decision, exists bool) error {
	n := d.Count.Of(c)
	if d.Aside != nil {
		created, err := m.s.keepVersion(m.ctx, m.tx, kind, id, *d.Aside, d.Reason, data.VersionOpen)
		if err != nil {
			return err
		}
		if d.AsideCounts && !created {
			n = &c.Unchanged // the same bundle read twice: a second import reports nothing
		}
	}
	if d.Write != nil {
		if err := m.write(kind, id, d.Stamped(m.s.now, m.s.device), exists); err != nil {
			return err
		}
		if err := m.erasedArrived(kind, id, d.Write.Row); err != nil {
			return err
		}
	}
	*n++
	return nil
}

// firstApproval settles an incoming verbale of a session that already has another one here: two
// laptops each approved the session before hearing of the other's approval. A session has one verbale
// (verbali.session_id is unique, tombstones included), and every laptop must keep the same one to
// converge: the first approval, by its approval time then id, which no merge ever restamps. The other
// is kept aside, locked, to review, under the id every laptop derives from it. It reports whether the
// incoming verbale goes in: there is no other, or the other was approved later and has just stepped
// aside (its row goes, as no tombstone can stay beside the first: its record version keeps it whole).
func (m *merger) firstApproval(c *data.KindChanges, id string, in held) (bool, error) {
	var other, approved string
	err := m.queryRow(`SELECT id, approved FROM verbali WHERE session_id = ? AND id <> ?`,
		in.Row["session_id"], id).Scan(&other, &approved)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	if err != nil {
		return false, dbError(err)
	}
	inApproved, _ := in.Row["approved"].(string)
	if merge.FirstApproval(approved, other, inApproved, id) {
		return false, m.aside(c, data.KindVerbale, id, in, data.VersionLocked, &c.Locked)
	}
	local, _, err := m.load(data.KindVerbale, other)
	if err != nil {
		return false, dbError(err)
	}
	if err := m.aside(c, data.KindVerbale, other, local, data.VersionLocked, &c.Locked); err != nil {
		return false, err
	}
	for _, q := range []string{`DELETE FROM verbali WHERE id = ?`, `DELETE FROM changes WHERE kind = 'verbale' AND id = ?`,
		`DELETE FROM sync_base WHERE kind = 'verbale' AND id = ?`} {
		if _, err := m.exec(q, other); err != nil {
			return false, dbError(err)
		}
	}
	return true, nil
}

// lockKinds are the records of a session that its approval freezes, as the store's own writes do
// (proposals go on living after their session: their state moves through the Piano's rounds).
var lockKinds = map[data.Kind]bool{
	data.KindSession: true, data.KindAgendaItem: true, data.KindAttendance: true, data.KindDecision: true,
	data.KindActionItem: true, data.KindVote: true, data.KindVoteBallot: true, data.KindVoteVoter: true,
	data.KindSpeech: true,
}

// locked reports whether a record may not change through this merge: an approved verbale, or a record
// of a session that was approved here before the merge began. A session approved by the bundle itself
// takes the bundle's records with it (the approval's own changes travel in the same bundle).
func (m *merger) locked(kind data.Kind, id string, row map[string]any) (bool, error) {
	if kind == data.KindVerbale {
		d, _ := row["deleted"].(int64)
		return d == 0, nil
	}
	if !lockKinds[kind] {
		return false, nil
	}
	if m.approved == nil {
		m.approved = map[string]bool{}
		rows, err := m.tx.QueryContext(m.ctx, `SELECT id FROM sessions WHERE status = ?
			UNION SELECT session_id FROM verbali WHERE deleted = 0`, string(data.SessionApprovata))
		if err != nil {
			return false, err
		}
		defer rows.Close()
		for rows.Next() {
			var sid string
			if err := rows.Scan(&sid); err != nil {
				return false, err
			}
			m.approved[sid] = true
		}
		if err := rows.Err(); err != nil {
			return false, err
		}
	}
	var session string
	switch kind {
	case data.KindSession:
		session = id
	case data.KindVoteBallot, data.KindVoteVoter:
		err := m.queryRow(`SELECT session_id FROM votes WHERE id = ?`, row["vote_id"]).Scan(&session)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return false, err
		}
	default:
		session, _ = row["session_id"].(string)
	}
	return m.approved[session], nil
}

// write inserts or updates a record with an incoming version and sets its sync base.
func (m *merger) write(kind data.Kind, id string, in held, exists bool) error {
	if d, _ := in.Row["deleted"].(int64); d == 0 && (kind == data.KindPerson || kind == data.KindOrganisation) {
		// A person or organisation the merge makes live (new, or back from a join or a deletion that
		// lost): its twin, if this laptop holds one, is joined with it at the end.
		if m.added == nil {
			m.added = map[data.Ref]bool{}
		}
		m.added[data.Ref{Kind: kind, ID: id}] = true
	}
	tc, err := m.columns(kind)
	if err != nil {
		return dbError(err)
	}
	var names []string
	var args []any
	for _, n := range tc.names {
		v, ok := in.Row[n]
		if !ok {
			continue // a column the sender's older schema lacks: its default, or what is held
		}
		names = append(names, n)
		args = append(args, v)
	}
	table := tables[kind]
	if exists {
		sets := make([]string, len(names))
		for i, n := range names {
			sets[i] = n + " = ?"
		}
		_, err = m.exec(`UPDATE `+table+` SET `+strings.Join(sets, ", ")+` WHERE id = ?`,
			append(args, id)...)
	} else {
		_, err = m.exec(insertSQL(table, append([]string{"id"}, names...)), append([]any{id}, args...)...)
	}
	if err != nil {
		return badRecord(string(kind), id, err) // a value of the wrong type, a duplicate: not a bundle we wrote
	}
	// What a merge writes travels on with the next export, even a version with the local one's stamp
	// (which the update triggers let pass; the insert triggers never do).
	if !exists {
		return m.setBase(kind, id, in.Base)
	}
	if _, err := m.exec(`DELETE FROM changes WHERE kind = ? AND id = ?`, string(kind), id); err != nil {
		return dbError(err)
	}
	if _, err := m.exec(`INSERT INTO changes (kind, id) VALUES (?, ?)`, string(kind), id); err != nil {
		return dbError(err)
	}
	return m.setBase(kind, id, in.Base)
}

func (m *merger) setBase(kind data.Kind, id, seen string) error {
	if _, err := m.exec(`DELETE FROM sync_base WHERE kind = ? AND id = ?`, string(kind), id); err != nil {
		return dbError(err)
	}
	if seen == "" || seen == "{}" {
		return nil
	}
	_, err := m.exec(`INSERT INTO sync_base (kind, id, seen) VALUES (?, ?, ?)`, string(kind), id, seen)
	return dbError(err)
}

// aside keeps a version that does not become current as a record version. A version already kept
// (the same bundle read twice) is not counted again, so a second import reports nothing.
func (m *merger) aside(c *data.KindChanges, kind data.Kind, id string, v held, reason data.VersionReason, n *int) error {
	created, err := m.s.keepVersion(m.ctx, m.tx, kind, id, v, reason, data.VersionOpen)
	if err != nil {
		return err
	}
	switch {
	case n == nil:
	case created:
		*n++
	default:
		c.Unchanged++
	}
	return nil
}

// versionID is the id of the record version that keeps a version of a record.
func versionID(kind data.Kind, id string, v merge.Version) string {
	return uuid.NewSHA1(versionSpace, []byte(string(kind)+"/"+id+"/"+v.String())).String()
}

// setAside reports whether a version of a record is kept as a version set aside here.
func (m *merger) setAside(kind data.Kind, id string, v merge.Version) (bool, error) {
	var yes bool
	err := m.queryRow(`SELECT EXISTS (SELECT 1 FROM record_versions WHERE id = ? AND deleted = 0)`,
		versionID(kind, id, v)).Scan(&yes)
	return yes, dbError(err)
}

// keepVersion stores a version of a record as a record version, unless it is already kept.
func (s *Store) keepVersion(ctx context.Context, tx *sql.Tx, kind data.Kind, id string, v held,
	reason data.VersionReason, res data.VersionResolution) (bool, error) {
	ver := v.Version()
	vid := versionID(kind, id, ver)
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM record_versions WHERE id = ?)`, vid).Scan(&exists); err != nil {
		return false, dbError(err)
	}
	if exists {
		return false, nil
	}
	row := map[string]any{}
	for k, val := range v.Row {
		row[k] = val
	}
	js, err := json.Marshal(row)
	if err != nil {
		return false, badRecord(string(kind), id, err)
	}
	meta := data.Meta{ID: vid}
	err = s.save(ctx, tx, data.KindRecordVersion, &meta, []column{{"kind", string(kind)}, {"record_id", id},
		{"version_updated", ver.Updated}, {"version_device", ver.Device}, {"row", string(js)},
		{"reason", string(reason)}, {"resolution", string(res)}})
	return err == nil, err
}

// checkReferences turns the deferred foreign keys a merge broke into a sentence: the bundle refers to
// records this database does not have (an export of changes only, when an earlier one never arrived).
func (m *merger) checkReferences() error {
	rows, err := m.tx.QueryContext(m.ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return dbError(err)
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return dbError(err)
		}
		return data.Errorf(data.EMissingRecords, "err.exchange.missing_records", "table", table, "parent", parent)
	}
	return dbError(rows.Err())
}
