package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// version identifies one version of a record: its updated time (fixed-width text) and device.
type version struct{ updated, device string }

func (v version) String() string {
	if v.updated == "" {
		return ""
	}
	return v.updated + "|" + v.device
}

// seen is what a version was made on top of: for each device, the latest of its versions among the
// version's ancestors.
type seen map[string]string

func parseSeen(s string) (seen, error) {
	if s == "" {
		return seen{}, nil
	}
	var out seen
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("sync base %q: %w", s, err)
	}
	if out == nil {
		out = seen{}
	}
	return out, nil
}

// seenOf is the ancestry of a version's successor made from it alone.
func seenOf(v version) seen { return seen{v.device: v.updated} }

// covers reports whether v is among the ancestors, or older than one of its device's.
func (s seen) covers(v version) bool {
	u, ok := s[v.device]
	return ok && u >= v.updated
}

// with is the union of two ancestries: the latest version of each device in either.
func (s seen) with(o seen) seen {
	out := maps.Clone(s)
	if out == nil {
		out = seen{}
	}
	for d, u := range o {
		if u > out[d] {
			out[d] = u
		}
	}
	return out
}

// String is the ancestry as stored and carried: JSON with sorted keys, "" when empty.
func (s seen) String() string {
	if len(s) == 0 {
		return ""
	}
	b, _ := json.Marshal(map[string]string(s)) // strings always marshal
	return string(b)
}

// less orders versions by time, then device id.
func (v version) less(o version) bool {
	if v.updated != o.updated {
		return v.updated < o.updated
	}
	return v.device < o.device
}

// errDryRun rolls a preview's transaction back.
var errDryRun = errors.New("dry run")

// MergeBundle merges a bundle into this database in one transaction: all of it, or nothing. With
// DryRun it returns the preview and writes nothing.
//
// Each record is compared with the version held here. A version made on top of the other (its sync
// base is the other) replaces it; two versions made independently are a conflict: the later by
// (updated time, device id) wins, and the other is kept as a record version, listed under Conflitti.
// An approved session and its verbale never change: a different incoming version is kept aside as
// locked. Records of kinds that only have a newer Tavoli, or columns this schema lacks, are refused.
func (s *Store) MergeBundle(ctx context.Context, in *Incoming, opt ImportOptions) (data.ImportResult, error) {
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

// held is a record as this database has it.
type held struct {
	row  map[string]any
	base string
}

func (st held) version() version {
	u, _ := st.row["updated"].(string)
	d, _ := st.row["device"].(string)
	return version{u, d}
}

func (st held) deleted() bool {
	v, _ := st.row["deleted"].(int64)
	return v != 0
}

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
	return held{row: recs[0].Row, base: base}, true, nil
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
	in := held{row: map[string]any{}}
	for k, v := range rec.Row {
		if k == baseKey {
			b, ok := v.(string)
			if !ok {
				return kind, in, badRecord(rec.Kind, rec.ID, fmt.Errorf("base %T", v))
			}
			in.base = b
			continue
		}
		if _, ok := tc.types[k]; !ok || k == "id" {
			return kind, in, badRecord(rec.Kind, rec.ID, fmt.Errorf("column %q", k))
		}
		in.row[k] = v
	}
	for _, k := range []string{"created", "updated", "device"} {
		s, ok := in.row[k].(string)
		if !ok || s == "" {
			return kind, in, badRecord(rec.Kind, rec.ID, fmt.Errorf("%s missing", k))
		}
		if k != "device" {
			if _, err := parseTime(s); err != nil {
				return kind, in, badRecord(rec.Kind, rec.ID, err)
			}
		}
	}
	if b, ok := in.row["deleted"].(bool); ok {
		in.row["deleted"] = map[bool]int64{false: 0, true: 1}[b]
	}
	if d, ok := in.row["deleted"].(int64); !ok || (d != 0 && d != 1) {
		return kind, in, badRecord(rec.Kind, rec.ID, fmt.Errorf("deleted %v", in.row["deleted"]))
	}
	return kind, in, nil
}

// merge decides what one incoming record does here and does it.
func (m *merger) merge(rec bundle.Record) error {
	kind, in, err := m.incoming(rec)
	if err != nil {
		return err
	}
	c := m.count(kind)
	if kind == data.KindAmbito {
		// A database is one Ambito's: a bundle carries that Ambito's own record, never another one and
		// never its deletion (the store refuses to delete an Ambito, so no Tavoli writes one).
		if rec.ID != m.ambito || in.deleted() {
			return badRecord(rec.Kind, rec.ID, fmt.Errorf("ambito %s (deleted %v) in a bundle of %s", rec.ID, in.deleted(), m.ambito))
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
	if !ok {
		return m.add(c, kind, rec.ID, in)
	}
	if sameRow(local.row, in.row) {
		c.Unchanged++
		return nil
	}
	lv, iv := local.version(), in.version()
	if sameContent(local.row, in.row) {
		// The same content under other stamps (two laptops that each loaded the same data): nothing to
		// keep aside. The later stamp is kept everywhere, so that the laptops still agree byte for byte.
		if lv.less(iv) {
			c.Updated++
			return m.write(kind, rec.ID, in, true)
		}
		c.Unchanged++
		return nil
	}
	lseen, err := parseSeen(local.base)
	if err != nil {
		return dbError(err)
	}
	iseen, err := parseSeen(in.base)
	if err != nil {
		return badRecord(rec.Kind, rec.ID, err)
	}
	if kind == data.KindRecordVersion {
		return m.review(c, rec.ID, local, in, lseen, iseen)
	}
	// The local version has seen the incoming one (it was made on top of it, or after it on the same
	// device): the incoming one is old news.
	if lseen.covers(iv) || lv.device == iv.device && iv.less(lv) {
		c.Unchanged++
		return nil
	}
	locked, err := m.locked(kind, rec.ID, local.row)
	if err != nil {
		return dbError(err)
	}
	if locked {
		refused, err := m.setAside(kind, rec.ID, lv)
		if err != nil {
			return err
		}
		if !refused {
			return m.refuse(c, kind, rec.ID, local, in)
		}
		// The local version is one the approved session's laptop refused: the incoming one restores it.
		in.base = iseen.with(lseen).with(seenOf(lv)).String()
		return m.replace(c, kind, rec.ID, local, in)
	}
	if iseen.covers(lv) || lv.device == iv.device {
		// The incoming version has seen the local one: an update.
		in.base = iseen.with(lseen).String()
		return m.replace(c, kind, rec.ID, local, in)
	}
	// Two versions made independently: the approved session, then the later, wins.
	if m.wins(kind, in, local) {
		if err := m.aside(c, kind, rec.ID, local, data.VersionConflict, nil); err != nil {
			return err
		}
		// The winner stands for the version it beat: a late copy of that one is old news.
		in.base = iseen.with(lseen).with(seenOf(lv)).String()
		if err := m.write(kind, rec.ID, in, true); err != nil {
			return err
		}
		c.Conflicts++
		return nil
	}
	return m.aside(c, kind, rec.ID, in, data.VersionConflict, &c.Conflicts)
}

// review merges two versions of a version set aside, which change only by a person's review. A review
// made on top of the other wins; otherwise a reviewed version beats one still to review, and of two
// reviews that agree the later is kept. Two reviews made independently that settle it differently (one
// laptop restored the version, another dismissed it) are a conflict: the data then holds the restored
// version while a dismissal says the other stays, so neither outcome may stand. The version goes back
// to review as disputed, a change of this device made on top of both; the laptop on the other side
// makes the same content, which the merge keeps once.
func (m *merger) review(c *data.KindChanges, id string, local, in held, lseen, iseen seen) error {
	lv, iv := local.version(), in.version()
	lr, _ := local.row["resolution"].(string)
	ir, _ := in.row["resolution"].(string)
	switch {
	case lseen.covers(iv) || lv.device == iv.device && iv.less(lv):
		c.Unchanged++ // made before the local review, which saw it
		return nil
	case iseen.covers(lv) || lv.device == iv.device && lv.less(iv):
		c.Updated++
		in.base = iseen.with(lseen).String()
		return m.write(data.KindRecordVersion, id, in, true)
	}
	settled := func(r string) bool {
		return r == string(data.VersionRestored) || r == string(data.VersionDismissed)
	}
	if settled(lr) && settled(ir) && lr != ir {
		latest := local
		if lv.less(iv) {
			latest = in
		}
		disputed := held{row: maps.Clone(latest.row),
			base: iseen.with(lseen).with(seenOf(lv)).with(seenOf(iv)).String()}
		disputed.row["resolution"] = string(data.VersionDisputed)
		disputed.row["updated"] = fmtTime(later(m.s.now().UTC(), later(mustTime(lv.updated), mustTime(iv.updated))))
		disputed.row["device"] = m.s.device
		c.Conflicts++
		return m.write(data.KindRecordVersion, id, disputed, true)
	}
	// A reviewed version beats one still to review (a disputed one counts as reviewed: it records
	// that two reviews disagreed); then the later wins.
	lo, io := lr == string(data.VersionOpen), ir == string(data.VersionOpen)
	if !io && lo || io == lo && lv.less(iv) {
		c.Updated++
		in.base = iseen.with(lseen).with(seenOf(lv)).String()
		return m.write(data.KindRecordVersion, id, in, true)
	}
	c.Unchanged++
	return nil
}

// add merges a record this database does not have.
func (m *merger) add(c *data.KindChanges, kind data.Kind, id string, in held) error {
	if kind == data.KindVerbale {
		first, err := m.firstApproval(c, id, in)
		if err != nil || !first {
			return err
		}
	}
	locked, err := m.locked(kind, id, in.row)
	if err != nil {
		return dbError(err)
	}
	if locked && kind != data.KindVerbale && !in.deleted() {
		// A record added elsewhere to a session approved here: kept aside, and stored as deleted under
		// this laptop's stamp, made on top of it, so that the laptop that added it drops it too.
		created, err := m.s.keepVersion(m.ctx, m.tx, kind, id, in, data.VersionLocked, data.VersionOpen)
		if err != nil {
			return err
		}
		iseen, err := parseSeen(in.base)
		if err != nil {
			return badRecord(string(kind), id, err)
		}
		gone := held{row: maps.Clone(in.row), base: iseen.with(seenOf(in.version())).String()}
		gone.row["deleted"] = int64(1)
		gone.row["updated"] = fmtTime(later(m.s.now().UTC(), mustTime(in.version().updated)))
		gone.row["device"] = m.s.device
		if err := m.write(kind, id, gone, false); err != nil {
			return err
		}
		if created {
			c.Locked++
		} else {
			c.Unchanged++
		}
		return nil
	}
	if err := m.write(kind, id, in, false); err != nil {
		return err
	}
	if in.deleted() {
		c.Deleted++
	} else {
		c.New++
	}
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
		in.row["session_id"], id).Scan(&other, &approved)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	if err != nil {
		return false, dbError(err)
	}
	inApproved, _ := in.row["approved"].(string)
	if approved < inApproved || approved == inApproved && other < id {
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

// refuse keeps aside an incoming version that would change an approved session, and stamps the local
// version anew, made on top of the refused one: every laptop that took the refused version then takes
// the approved one back, and the laptops converge on the approved session.
func (m *merger) refuse(c *data.KindChanges, kind data.Kind, id string, local, in held) error {
	created, err := m.s.keepVersion(m.ctx, m.tx, kind, id, in, data.VersionLocked, data.VersionOpen)
	if err != nil {
		return err
	}
	if created {
		c.Locked++
	} else {
		c.Unchanged++
	}
	lv, iv := local.version(), in.version()
	latest := lv
	if lv.less(iv) {
		latest = iv
	}
	lseen, err := parseSeen(local.base)
	if err != nil {
		return dbError(err)
	}
	iseen, err := parseSeen(in.base)
	if err != nil {
		return badRecord(string(kind), id, err)
	}
	again := held{row: maps.Clone(local.row), base: lseen.with(iseen).with(seenOf(iv)).String()}
	again.row["updated"] = fmtTime(later(m.s.now().UTC(), mustTime(latest.updated)))
	again.row["device"] = m.s.device
	return m.write(kind, id, again, true)
}

// mustTime parses a stored time already checked by incoming or written by this store.
func mustTime(s string) time.Time {
	t, _ := parseTime(s)
	return t
}

// replace writes an incoming version over the local one.
func (m *merger) replace(c *data.KindChanges, kind data.Kind, id string, local, in held) error {
	if err := m.write(kind, id, in, true); err != nil {
		return err
	}
	if in.deleted() && !local.deleted() {
		c.Deleted++
	} else {
		c.Updated++
	}
	return nil
}

// wins reports whether the incoming version beats the local one when they were made independently.
func (m *merger) wins(kind data.Kind, in, local held) bool {
	if kind == data.KindSession {
		ia, la := in.row["status"] == string(data.SessionApprovata), local.row["status"] == string(data.SessionApprovata)
		if ia != la {
			return ia
		}
	}
	lv, iv := local.version(), in.version()
	if lv != iv {
		return lv.less(iv)
	}
	return bytes.Compare(canonical(local.row), canonical(in.row)) < 0 // the same version stamp twice: any fixed order
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
	if d, _ := in.row["deleted"].(int64); d == 0 && (kind == data.KindPerson || kind == data.KindOrganisation) {
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
		v, ok := in.row[n]
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
		return m.setBase(kind, id, in.base)
	}
	if _, err := m.exec(`DELETE FROM changes WHERE kind = ? AND id = ?`, string(kind), id); err != nil {
		return dbError(err)
	}
	if _, err := m.exec(`INSERT INTO changes (kind, id) VALUES (?, ?)`, string(kind), id); err != nil {
		return dbError(err)
	}
	return m.setBase(kind, id, in.base)
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
func versionID(kind data.Kind, id string, v version) string {
	return uuid.NewSHA1(versionSpace, []byte(string(kind)+"/"+id+"/"+v.String())).String()
}

// setAside reports whether a version of a record is kept as a version set aside here.
func (m *merger) setAside(kind data.Kind, id string, v version) (bool, error) {
	var yes bool
	err := m.queryRow(`SELECT EXISTS (SELECT 1 FROM record_versions WHERE id = ? AND deleted = 0)`,
		versionID(kind, id, v)).Scan(&yes)
	return yes, dbError(err)
}

// keepVersion stores a version of a record as a record version, unless it is already kept.
func (s *Store) keepVersion(ctx context.Context, tx *sql.Tx, kind data.Kind, id string, v held,
	reason data.VersionReason, res data.VersionResolution) (bool, error) {
	ver := v.version()
	vid := versionID(kind, id, ver)
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM record_versions WHERE id = ?)`, vid).Scan(&exists); err != nil {
		return false, dbError(err)
	}
	if exists {
		return false, nil
	}
	row := map[string]any{}
	for k, val := range v.row {
		row[k] = val
	}
	js, err := json.Marshal(row)
	if err != nil {
		return false, badRecord(string(kind), id, err)
	}
	meta := data.Meta{ID: vid}
	err = s.save(ctx, tx, data.KindRecordVersion, &meta, []column{{"kind", string(kind)}, {"record_id", id},
		{"version_updated", ver.updated}, {"version_device", ver.device}, {"row", string(js)},
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

// sameRow reports whether the incoming version says nothing the local one does not: the same values
// in every column it carries (a bundle of an older schema lacks the newer columns, which it leaves as
// they are here).
func sameRow(local, in map[string]any) bool {
	for k, iv := range in {
		if lv, ok := local[k]; !ok || !sameValue(lv, iv) {
			return false
		}
	}
	return true
}

// sameContent is sameRow but for the stamps (created, updated, device).
func sameContent(local, in map[string]any) bool {
	for k, iv := range in {
		if k == "created" || k == "updated" || k == "device" {
			continue
		}
		if lv, ok := local[k]; !ok || !sameValue(lv, iv) {
			return false
		}
	}
	return true
}

func sameValue(a, b any) bool {
	switch x := a.(type) {
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	case nil:
		return b == nil
	}
	return a == b
}

// canonical is a version's columns as JSON with sorted keys: a fixed order for versions that carry
// the same stamp.
func canonical(row map[string]any) []byte {
	b, _ := json.Marshal(row) // maps marshal with sorted keys; every value type here marshals
	return b
}
