package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// Acknowledgements: which changes each database holds, and where an export starts.
//
// Each database file writes as a device id of its own (replica.go gives a copy a new one), so a device
// id names one change sequence: the seq of the table changes, which only grows, and where a record
// sits at its latest write. Say that database R holds D@n when nothing of any record, as it stood in
// D's database when D's sequence was at n, is missing from R: R's version of the record is that one,
// or was made on top of it, or R keeps aside that one or a version made on top of it (or the same
// content under other stamps). The property test checks exactly this after every bundle accepted on
// the strength of 2 below.
//
//  1. A bundle of D with the window (S, U] carries every record whose latest write at D is after S; a
//     record it leaves out stood at U as it stood at S. So a database that holds D@S and merges the
//     bundle holds D@U. A database that holds D@k for some k ≥ S holds D@S too: a later version of a
//     record in D's database was always made on top of the earlier one there (a local edit, or a merge
//     that replaces a version only with one that has seen it, or a winner stamped as having seen the
//     loser). That is the whole gap rule: a changes-only bundle of D since S is accepted when this
//     database holds D@k, k ≥ S, whoever brought those changes.
//  2. How far it holds D is kept here (ackBook.Own) and grows on three grounds: D's bundle merged, as
//     in 1; the sender's own acknowledgements, when its bundle is merged: if H held D@k when it
//     wrote a bundle (its header says so, read in the same transaction as its records) and this
//     database merges the bundle with no gap, it holds everything H held, so D@k too (holding is
//     transitive: the sync bases make "made on top of" carry over from laptop to laptop, which is what
//     lets a record travel A → B → C at all); and, before acknowledgements existed, the unbroken
//     chain of D's bundles imported here (importedUpto).
//  3. Holding never shrinks: a local edit is made on top of the version it replaces, and a merge or a
//     restore only adds versions, ancestors and versions set aside. A file
//     restored from a backup goes back in time with what it holds, since the book is in the file, and
//     writes as a new device anyway.
//
// So an acknowledgement "P holds me@n", once true, stays true, and whoever relays it (P's own bundles,
// or any laptop that heard it) relays a true statement. An export for P starts at the latest n P
// acknowledged: P accepts it (it holds me@n) and then holds me@U. An export for anyone starts at the
// least of what the known peers acknowledged, and carries everything when one of them never
// acknowledged anything: every known peer accepts it. (A laptop this database has never heard of may
// refuse it; the refusal names a bundle for it, which starts at nothing.) Nothing else moves a
// starting point: a
// bundle that was lost, refused or never imported leaves every acknowledgement where it was, so the
// next export carries its changes again.
//
// What stays outside: two files writing as one device id. replica.go prevents it for copies; a new,
// empty database created by the same installation at the same path as a lost one still takes the
// installation's id. Its sequence starts again, while peers may hold acknowledgements of the lost
// file's: an acknowledgement beyond this sequence's end is ignored (the export then carries
// everything), but one below it would be taken at its word.

// ackKey is the setting that keeps the book.
const ackKey = "acks"

// maxSent is how many of its previous bundles an export lists, so that a receiver missing one can name it.
const maxSent = 10

// maxAcks bounds the acknowledgements a header carries: readers refuse a header over 64 KiB (the
// bundle package's maxHeader), and one takes about 130 bytes. Leaving some out is always safe: a
// receiver that learns less only starts its bundles earlier, or refuses a gap with advice that works.
const maxAcks = 256

// ackBook is what this database knows of who holds what.
type ackBook struct {
	// Own is, per device, how far this database holds that device's changes.
	Own map[string]ackEntry `json:"own,omitempty"`
	// Others is, per holder then device, what other databases acknowledged holding, in their own bundles
	// or relayed by others. Only the furthest of each is kept: a holder never holds less later.
	Others map[string]map[string]ackEntry `json:"others,omitempty"`
}

// ackEntry is how far a sequence is held, and since when.
type ackEntry struct {
	Upto int64     `json:"upto"`
	At   time.Time `json:"at"`
}

// raise moves device's entry in m to upto when that is further, and reports whether it moved.
func raise(m map[string]ackEntry, device string, upto int64, at time.Time) bool {
	if upto <= 0 || m[device].Upto >= upto {
		return false
	}
	m[device] = ackEntry{Upto: upto, At: at.UTC()}
	return true
}

// readAcks reads the book; a database that never exchanged has an empty one.
func readAcks(ctx context.Context, q querier) (ackBook, error) {
	b := ackBook{Own: map[string]ackEntry{}, Others: map[string]map[string]ackEntry{}}
	var raw string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, ackKey).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return b, nil
	}
	if err != nil {
		return b, err
	}
	if err := json.Unmarshal([]byte(raw), &b); err != nil {
		return b, data.Errorf(data.ECorrupt, "err.db.corrupt").Wrap(err)
	}
	if b.Own == nil {
		b.Own = map[string]ackEntry{}
	}
	if b.Others == nil {
		b.Others = map[string]map[string]ackEntry{}
	}
	return b, nil
}

func (b ackBook) save(ctx context.Context, q querier) error {
	raw, err := json.Marshal(b)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, ackKey, string(raw))
	return err
}

// holders lists, as a JSON array, the databases whose acknowledgements reached this one: peers too,
// though they may never have written a record or a bundle that came here.
func (b ackBook) holders() string {
	ids := slices.Sorted(maps.Keys(b.Others))
	if ids == nil {
		ids = []string{}
	}
	raw, _ := json.Marshal(ids) // strings always marshal
	return string(raw)
}

// holds is how far this database holds device's changes (see the top of this file).
func (b ackBook) holds(ctx context.Context, tx *sql.Tx, device string) (int64, error) {
	chain, err := importedUpto(ctx, tx, device)
	return max(b.Own[device].Upto, chain), err
}

// acked is what peer acknowledged of this database's sequence, which now ends at upto. An
// acknowledgement beyond the end is of another file that wrote as this device: it counts as none.
func (b ackBook) acked(peer, self string, upto int64) ackEntry {
	e := b.Others[peer][self]
	if e.Upto > upto {
		return ackEntry{}
	}
	return e
}

// checkWindow refuses a changes-only bundle that starts beyond what this database holds of its
// sender: merging it would leave out the records changed in between. The refusal names the sender's
// bundle that carried them, when the header lists it.
func (s *Store) checkWindow(ctx context.Context, tx *sql.Tx, h bundle.Header) error {
	if h.Since == 0 || h.Sender == s.device {
		return nil
	}
	book, err := readAcks(ctx, tx)
	if err != nil {
		return dbError(err)
	}
	have, err := book.holds(ctx, tx, h.Sender)
	if err != nil {
		return dbError(err)
	}
	if h.Since <= have {
		return nil
	}
	name := cmp.Or(h.SenderName, h.Sender)
	// The sender's earlier bundle that starts where this database stands and goes furthest: merging it
	// first is accepted, and moves this database on (to the refused bundle's start, or to the next
	// bundle to name).
	var missing *bundle.Sent
	for i, b := range h.Sent {
		if b.Since <= have && b.Upto > have && (missing == nil || b.Upto > missing.Upto) {
			missing = &h.Sent[i]
		}
	}
	if missing == nil {
		return data.Errorf(data.EGap, "err.exchange.gap", "name", name, "device", s.device)
	}
	key := "err.exchange.gap_named"
	if missing.File == "" {
		key = "err.exchange.gap_dated"
	}
	return data.Errorf(data.EGap, key, "name", name, "device", s.device, "file", missing.File,
		"date", missing.Created)
}

// recordAcks notes, once a bundle is merged, what this database now holds and what the bundle says
// others hold (see the top of this file).
func (s *Store) recordAcks(ctx context.Context, tx *sql.Tx, h bundle.Header) error {
	if h.Sender == s.device {
		return nil
	}
	book, err := readAcks(ctx, tx)
	if err != nil {
		return err
	}
	now := s.now()
	raise(book.Own, h.Sender, h.Upto, now)
	for _, a := range h.Acks {
		if a.Holder == s.device {
			continue // what this database holds, it knows better than any relay
		}
		if a.Holder == h.Sender && a.Device != s.device {
			raise(book.Own, a.Device, a.Upto, now) // held by the sender when it wrote the bundle: now here too
		}
		if book.Others[a.Holder] == nil {
			book.Others[a.Holder] = map[string]ackEntry{}
		}
		raise(book.Others[a.Holder], a.Device, a.Upto, a.At)
	}
	return book.save(ctx, tx)
}

// headerAcks are the acknowledgements an export carries: what this database holds, as its own, and
// those it heard from others, sorted; at most maxAcks, its own and then the latest first.
func headerAcks(book ackBook, self string) []bundle.Ack {
	var own, heard []bundle.Ack
	for d, e := range book.Own {
		if d != self {
			own = append(own, bundle.Ack{Holder: self, Device: d, Upto: e.Upto, At: e.At})
		}
	}
	for holder, m := range book.Others {
		if holder == self {
			continue
		}
		for d, e := range m {
			heard = append(heard, bundle.Ack{Holder: holder, Device: d, Upto: e.Upto, At: e.At})
		}
	}
	latest := func(a, b bundle.Ack) int {
		return cmp.Or(b.At.Compare(a.At), cmp.Compare(a.Holder, b.Holder), cmp.Compare(a.Device, b.Device))
	}
	slices.SortFunc(own, latest)
	slices.SortFunc(heard, latest)
	out := append(own, heard...)
	out = out[:min(len(out), maxAcks)]
	slices.SortFunc(out, func(a, b bundle.Ack) int {
		return cmp.Or(cmp.Compare(a.Holder, b.Holder), cmp.Compare(a.Device, b.Device))
	})
	return out
}

// sentBefore lists this device's latest exports, the oldest first, for a new bundle's header.
func (s *Store) sentBefore(ctx context.Context, tx *sql.Tx) ([]bundle.Sent, error) {
	rows, err := tx.QueryContext(ctx, `SELECT file, at, since, upto FROM exchanges
		WHERE direction = 'export' AND device = ? AND upto > 0 ORDER BY upto DESC, at DESC LIMIT ?`, s.device, maxSent)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []bundle.Sent
	for rows.Next() {
		var b bundle.Sent
		var at string
		if err := rows.Scan(&b.File, &at, &b.Since, &b.Upto); err != nil {
			return nil, err
		}
		if b.Created, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	slices.Reverse(out)
	return out, rows.Err()
}

// receipt is what peer acknowledged of this database's sequence (which ends at upto), with the bundle
// of this database that got it there: of those that carried the most the peer holds, the first (a
// later one with the same end carried nothing new, and the peer may never have seen it).
func (s *Store) receipt(ctx context.Context, tx *sql.Tx, book ackBook, peer string, upto int64) (data.Receipt, error) {
	e := book.acked(peer, s.device, upto)
	r := data.Receipt{Upto: e.Upto, At: e.At}
	if e.Upto == 0 {
		return r, nil
	}
	var at string
	err := tx.QueryRowContext(ctx, `SELECT file, at FROM exchanges WHERE direction = 'export' AND device = ?
		AND upto > 0 AND upto <= ? ORDER BY upto DESC, at LIMIT 1`, s.device, e.Upto).Scan(&r.File, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	if err != nil {
		return r, err
	}
	r.Sent, err = parseTime(at)
	return r, err
}

// windowStart is where an export for peer ("" for anyone) starts, given this database's sequence ends
// at upto, and the peer whose acknowledgement sets it: the peer itself, or for anyone the known peer
// furthest behind. No known peer, or one that never acknowledged: 0, everything.
func windowStart(book ackBook, self string, peers []data.Peer, peer string, upto int64) (int64, data.Peer) {
	if peer != "" {
		for _, p := range peers {
			if p.Device == peer {
				return p.Received.Upto, p
			}
		}
		return book.acked(peer, self, upto).Upto, data.Peer{Device: peer}
	}
	var from data.Peer
	since := int64(-1)
	for _, p := range peers {
		if since < 0 || p.Received.Upto < since {
			since, from = p.Received.Upto, p
		}
	}
	return max(since, 0), from
}
