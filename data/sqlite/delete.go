package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/tavoli/tavoli/data"
)

// Dependents lists the records that deleting ref would remove with it: a body's seats and members, the
// seats a comune, organisation or person holds and the memberships of those seats, a person's
// memberships. References from people to a deleted organisation or comune are not removed: they show
// as empty while it is deleted and come back if it is restored.
func (s *Store) Dependents(ctx context.Context, ref data.Ref) ([]data.Ref, error) {
	var out []data.Ref
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = dependents(ctx, tx, ref)
		return err
	})
	return out, err
}

// dependents checks that ref may be deleted (deletable, records that must stay), then lists what goes
// with it.
func dependents(ctx context.Context, tx *sql.Tx, ref data.Ref) ([]data.Ref, error) {
	if err := deletable(ctx, tx, ref); err != nil {
		return nil, err
	}
	var out []data.Ref
	add := func(kind data.Kind, q string, args ...any) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out = append(out, data.Ref{Kind: kind, ID: id})
		}
		return rows.Err()
	}
	seatMembers := `SELECT m.id FROM memberships m JOIN seats s ON s.id = m.seat_id
		WHERE m.deleted = 0 AND s.deleted = 0 AND s.%s = ?`
	var err error
	switch ref.Kind {
	case data.KindBody:
		err = firstErr(
			add(data.KindSeat, `SELECT id FROM seats WHERE deleted = 0 AND body_id = ? ORDER BY position`, ref.ID),
			add(data.KindMembership, `SELECT id FROM memberships WHERE deleted = 0 AND body_id = ?`, ref.ID))
	case data.KindSeat:
		err = add(data.KindMembership, `SELECT id FROM memberships WHERE deleted = 0 AND seat_id = ?`, ref.ID)
	case data.KindComune:
		err = firstErr(
			add(data.KindSeat, `SELECT id FROM seats WHERE deleted = 0 AND comune_id = ?`, ref.ID),
			add(data.KindMembership, fmt.Sprintf(seatMembers, "comune_id"), ref.ID))
	case data.KindOrganisation:
		err = firstErr(
			add(data.KindSeat, `SELECT id FROM seats WHERE deleted = 0 AND organisation_id = ?`, ref.ID),
			add(data.KindMembership, fmt.Sprintf(seatMembers, "organisation_id"), ref.ID))
	case data.KindSession:
		for _, c := range []struct {
			kind  data.Kind
			table string
		}{{data.KindAgendaItem, "agenda_items"}, {data.KindAttendance, "attendance"}, {data.KindDecision, "decisions"},
			{data.KindActionItem, "action_items"}, {data.KindSpeech, "speeches"}, {data.KindProposal, "proposals"},
			{data.KindVote, "votes"}} {
			if err = add(c.kind, `SELECT id FROM `+c.table+` WHERE deleted = 0 AND session_id = ? ORDER BY created, id`, ref.ID); err != nil {
				break
			}
		}
		if err == nil {
			err = add(data.KindActionFollowUp, `SELECT f.id FROM action_follow_ups f JOIN action_items a ON a.id = f.action_item_id
				WHERE f.deleted = 0 AND a.deleted = 0 AND a.session_id = ?`, ref.ID)
		}
	case data.KindProposal:
		// Its attuazione goes with it, with the attuazione's milestones and indicators.
		err = firstErr(
			add(data.KindProposalEvent, `SELECT id FROM proposal_events WHERE deleted = 0 AND proposal_id = ? ORDER BY at, id`, ref.ID),
			add(data.KindImplementation, `SELECT id FROM implementations WHERE deleted = 0 AND proposal_id = ?`, ref.ID),
			add(data.KindMilestone, `SELECT id FROM milestones WHERE deleted = 0 AND implementation_id IN
				(SELECT id FROM implementations WHERE deleted = 0 AND proposal_id = ?) ORDER BY position, id`, ref.ID),
			add(data.KindIndicator, `SELECT id FROM indicators WHERE deleted = 0 AND implementation_id IN
				(SELECT id FROM implementations WHERE deleted = 0 AND proposal_id = ?) ORDER BY created, id`, ref.ID))
	case data.KindImplementation:
		err = firstErr(
			add(data.KindMilestone, `SELECT id FROM milestones WHERE deleted = 0 AND implementation_id = ? ORDER BY position, id`, ref.ID),
			add(data.KindIndicator, `SELECT id FROM indicators WHERE deleted = 0 AND implementation_id = ? ORDER BY created, id`, ref.ID))
	case data.KindVote:
		err = firstErr(
			add(data.KindVoteBallot, `SELECT id FROM vote_ballots WHERE deleted = 0 AND vote_id = ?`, ref.ID),
			add(data.KindVoteVoter, `SELECT id FROM vote_voters WHERE deleted = 0 AND vote_id = ?`, ref.ID))
	case data.KindAgendaItem:
		err = firstErr(
			add(data.KindDecision, `SELECT id FROM decisions WHERE deleted = 0 AND agenda_item_id = ?`, ref.ID),
			add(data.KindActionItem, `SELECT id FROM action_items WHERE deleted = 0 AND agenda_item_id = ?`, ref.ID),
			add(data.KindSpeech, `SELECT id FROM speeches WHERE deleted = 0 AND agenda_item_id = ?`, ref.ID),
			add(data.KindActionFollowUp, `SELECT f.id FROM action_follow_ups f JOIN action_items a ON a.id = f.action_item_id
				WHERE f.deleted = 0 AND a.deleted = 0 AND a.agenda_item_id = ?`, ref.ID))
	case data.KindActionItem:
		// What became of an action goes with it, and comes back with it.
		err = add(data.KindActionFollowUp, `SELECT id FROM action_follow_ups WHERE deleted = 0 AND action_item_id = ?`, ref.ID)
	case data.KindPerson:
		err = firstErr(
			add(data.KindSeat, `SELECT id FROM seats WHERE deleted = 0 AND person_id = ?`, ref.ID),
			add(data.KindMembership, `SELECT id FROM memberships WHERE deleted = 0 AND (person_id = ?
				OR seat_id IN (SELECT id FROM seats WHERE deleted = 0 AND person_id = ?))`, ref.ID, ref.ID))
	}
	if err != nil {
		return nil, err
	}
	// What goes with it must be deletable too: a comune's seat in an approved register keeps the comune.
	for _, d := range out {
		if d.Kind != data.KindSeat {
			continue
		}
		if err := deletable(ctx, tx, d); err != nil {
			return nil, err
		}
	}
	return dedupe(out), nil
}

// Delete tombstones ref and its dependents in one transaction and returns everything it removed. The
// comune capofila and an area a Tavolo tematico works on cannot be deleted.
func (s *Store) Delete(ctx context.Context, ref data.Ref) ([]data.Ref, error) {
	return s.DeleteAll(ctx, []data.Ref{ref})
}

// DeleteAll deletes several records, each with its dependents, all or none (the parts of a split taken
// back together).
func (s *Store) DeleteAll(ctx context.Context, refs []data.Ref) ([]data.Ref, error) {
	var removed []data.Ref
	err := s.write(ctx, func(tx *sql.Tx) error {
		removed = nil
		for _, ref := range refs {
			deps, err := dependents(ctx, tx, ref)
			if err != nil {
				return err
			}
			for _, r := range deps {
				// What goes with the record is held to the same locks (a person's seat in an approved
				// register).
				if err := notLockedByRef(ctx, tx, r); err != nil {
					return err
				}
			}
			if err := s.setDeleted(ctx, tx, ref, true); err != nil {
				return err
			}
			removed = append(removed, ref)
			// Each dependent names the record whose deletion removed it: the cascade travels with the
			// rows, and comes back with that record (reviveCascades).
			for _, r := range deps {
				if err := s.setDeletedBy(ctx, tx, r, ref); err != nil {
					return err
				}
				removed = append(removed, r)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return removed, nil
}

// Restore brings back records that Delete removed, in one transaction.
func (s *Store) Restore(ctx context.Context, refs []data.Ref) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, r := range refs {
			if _, ok := tables[r.Kind]; !ok {
				return data.Errorf(data.EInvalid, "err.delete.kind", "kind", string(r.Kind))
			}
			if err := s.setDeleted(ctx, tx, r, false); err != nil {
				return err
			}
		}
		// What their deletion removed comes back with them, also when the caller names only the record.
		if err := s.reviveCascades(ctx, tx); err != nil {
			return err
		}
		for _, r := range refs {
			if err := nameTaken(ctx, tx, r); err != nil {
				return err
			}
			// Nothing comes back into a session approved since it was deleted (all or nothing: the
			// transaction is rolled back).
			if err := notLockedByRef(ctx, tx, r); err != nil {
				return err
			}
		}
		return nil
	})
}

// nameTaken refuses to bring back a comune, area, body or organisation whose name another record took
// while it was deleted: names are unique among live records.
func nameTaken(ctx context.Context, tx *sql.Tx, r data.Ref) error {
	switch r.Kind {
	case data.KindComune, data.KindArea, data.KindBody, data.KindOrganisation:
	default:
		return nil
	}
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM `+tables[r.Kind]+` WHERE id = ?`, r.ID).Scan(&name); err != nil {
		return err
	}
	if err := uniqueName(ctx, tx, tables[r.Kind], name, r.ID); err != nil {
		return data.Errorf(data.EConflict, "err."+string(r.Kind)+".duplicate", "name", name).Wrap(err)
	}
	return nil
}

// setDeleted sets or clears a record's tombstone; it is a change like any other, so it moves the
// record's updated time and device.
func (s *Store) setDeleted(ctx context.Context, tx *sql.Tx, r data.Ref, deleted bool) error {
	table := tables[r.Kind]
	var stored string
	var was bool
	if err := tx.QueryRowContext(ctx, `SELECT updated, deleted FROM `+table+` WHERE id = ?`, r.ID).Scan(&stored, &was); err != nil {
		if err == sql.ErrNoRows {
			return data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(r.Kind))
		}
		return err
	}
	prev, err := parseTime(stored)
	if err != nil {
		return err
	}
	q := `UPDATE ` + table + ` SET deleted = ?, updated = ?, device = ? WHERE id = ?`
	if cascadeKinds[r.Kind] && !deleted {
		q = `UPDATE ` + table + ` SET deleted = ?, updated = ?, device = ?, deleted_by = '' WHERE id = ?`
	}
	stamp := later(s.now().UTC(), prev)
	if _, err = tx.ExecContext(ctx, q, deleted, fmtTime(stamp), s.device, r.ID); err != nil || was == deleted {
		return err
	}
	if track, err := trackedRef(ctx, tx, r); err != nil || !track {
		return err
	}
	action := data.HistoryDeleted
	if !deleted {
		action = data.HistoryRestored
	}
	return s.noteChange(ctx, tx, r.Kind, r.ID, action, nil, stamp)
}

// cascadeKinds are the kinds deleted along with another record, which keep in deleted_by the record whose
// deletion removed them.
var cascadeKinds = map[data.Kind]bool{
	data.KindSeat: true, data.KindMembership: true, data.KindAgendaItem: true, data.KindAttendance: true,
	data.KindDecision: true, data.KindActionItem: true, data.KindSpeech: true, data.KindProposal: true,
	data.KindVote: true, data.KindVoteBallot: true, data.KindVoteVoter: true, data.KindProposalEvent: true,
	data.KindImplementation: true, data.KindMilestone: true, data.KindIndicator: true,
	data.KindActionFollowUp: true,
}

// setDeletedBy tombstones a record that goes because root does, naming root.
func (s *Store) setDeletedBy(ctx context.Context, tx *sql.Tx, r, root data.Ref) error {
	if err := s.setDeleted(ctx, tx, r, true); err != nil {
		return err
	}
	if !cascadeKinds[r.Kind] {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE `+tables[r.Kind]+` SET deleted_by = ? WHERE id = ?`, refString(root), r.ID)
	return err
}

// refString writes a reference as deleted_by keeps it: "person:ID".
func refString(r data.Ref) string { return string(r.Kind) + ":" + r.ID }

// reviveCascades brings back every record deleted with another that is live again: the deletion of
// that one was undone, lost to an edit made elsewhere, or restored from Conflitti, and what went with
// it comes back as one decision. Each comes back as a change of this device made on top of its
// tombstone, so the other laptops take it as an update; two laptops that bring back the same record
// make the same content, which the merge keeps once. It returns what it brought back, in table order.
func (s *Store) reviveCascades(ctx context.Context, tx *sql.Tx) error {
	_, err := s.revived(ctx, tx)
	return err
}

// revived is reviveCascades, saying what came back. A record brought back may itself be the root of
// a cascade (a body's seat, then the seat's memberships): the loop runs until nothing more comes back.
func (s *Store) revived(ctx context.Context, tx *sql.Tx) ([]data.Ref, error) {
	var out []data.Ref
	for {
		var round []data.Ref
		for _, kind := range data.SyncKinds {
			if !cascadeKinds[kind] {
				continue
			}
			rows, err := tx.QueryContext(ctx, `SELECT id, deleted_by FROM `+tables[kind]+
				` WHERE deleted = 1 AND deleted_by <> '' ORDER BY id`)
			if err != nil {
				return nil, err
			}
			type gone struct{ id, by string }
			var list []gone
			for rows.Next() {
				var g gone
				if err := rows.Scan(&g.id, &g.by); err != nil {
					rows.Close()
					return nil, err
				}
				list = append(list, g)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
			for _, g := range list {
				rk, rid, ok := strings.Cut(g.by, ":")
				table, known := tables[data.Kind(rk)]
				if !ok || !known {
					continue // a root of a kind a newer Tavoli knows: left as it is
				}
				var dead int
				err := tx.QueryRowContext(ctx, `SELECT deleted FROM `+table+` WHERE id = ?`, rid).Scan(&dead)
				if errors.Is(err, sql.ErrNoRows) || err == nil && dead != 0 {
					continue
				}
				if err != nil {
					return nil, err
				}
				r := data.Ref{Kind: kind, ID: g.id}
				if err := s.setDeleted(ctx, tx, r, false); err != nil {
					return nil, err
				}
				round = append(round, r)
			}
		}
		if len(round) == 0 {
			return out, nil
		}
		out = append(out, round...)
	}
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func dedupe(refs []data.Ref) []data.Ref {
	seen := map[data.Ref]bool{}
	out := refs[:0]
	for _, r := range refs {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// deletable refuses what may not be deleted: a kind deleted only with its parent, a record already
// gone, the comune capofila, an area a Tavolo tematico works on.
func deletable(ctx context.Context, tx *sql.Tx, ref data.Ref) error {
	if _, ok := tables[ref.Kind]; !ok || ref.Kind == data.KindAmbito || ref.Kind == data.KindDevice ||
		ref.Kind == data.KindVoteBallot || ref.Kind == data.KindVoteVoter || // they go only with their vote
		ref.Kind == data.KindProposalEvent { // a history is kept whole
		return data.Errorf(data.EInvalid, "err.delete.kind", "kind", string(ref.Kind))
	}
	if err := liveRef(ctx, tx, ref.Kind, ref.ID); err != nil {
		return data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(ref.Kind))
	}
	if err := notLockedByRef(ctx, tx, ref); err != nil {
		return err
	}
	switch ref.Kind {
	case data.KindComune:
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM ambito WHERE deleted = 0 AND capofila_id = ?`, ref.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.Errorf(data.EConflict, "err.comune.capofila")
		}
	case data.KindBody:
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE deleted = 0 AND body_id = ?`, ref.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.Errorf(data.EConflict, "err.body.has_sessions", "count", n)
		}
	case data.KindProposal:
		var merged, parts int
		if err := tx.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM proposals WHERE deleted = 0 AND merged_into_id = ?),
			(SELECT count(*) FROM proposals WHERE deleted = 0 AND split_from_id = ?)`, ref.ID, ref.ID).Scan(&merged, &parts); err != nil {
			return err
		}
		switch {
		case merged > 0:
			return data.Errorf(data.EConflict, "err.proposal.has_merged", "count", merged)
		case parts > 0:
			return data.Errorf(data.EConflict, "err.proposal.has_parts", "count", parts)
		}
		// A vote's options and covers name it: its share and its validation would vanish.
		votes, err := votesNaming(ctx, tx, ref.ID)
		if err != nil {
			return err
		}
		if len(votes) > 0 {
			return data.Errorf(data.EConflict, "err.proposal.voted", "subject", votes[0].Subject)
		}
	case data.KindVote:
		v, err := loadVote(ctx, tx, ref.ID)
		if err != nil {
			return err
		}
		if v.Status == data.VoteChiusa && len(v.Covers) > 0 {
			// The proposals it validated moved, with events naming it: deleting the vote would leave
			// them validated by nothing.
			return data.Errorf(data.EConflict, "err.vote.validation_delete", "subject", v.Subject)
		}
	case data.KindArea:
		var name string
		err := tx.QueryRowContext(ctx, `SELECT name FROM bodies WHERE deleted = 0 AND area_id = ? LIMIT 1`, ref.ID).Scan(&name)
		if err == nil {
			return data.Errorf(data.EConflict, "err.area.in_use", "body", name)
		}
		if err != sql.ErrNoRows {
			return err
		}
	}
	return nil
}

// sessionChildren are the kinds that belong to a session: they are locked with it.
var sessionChildren = map[data.Kind]bool{data.KindAgendaItem: true, data.KindAttendance: true,
	data.KindDecision: true, data.KindActionItem: true, data.KindProposal: true, data.KindVote: true,
	data.KindSpeech: true}

// notLockedByRef refuses to delete a session whose verbale is approved, or anything of it; an approved
// verbale itself is never deleted.
func notLockedByRef(ctx context.Context, tx *sql.Tx, ref data.Ref) error {
	sessionID := ""
	switch {
	case ref.Kind == data.KindVerbale:
		return data.Errorf(data.ELocked, "err.verbale.locked")
	case ref.Kind == data.KindSession:
		sessionID = ref.ID
	case ref.Kind == data.KindDecision && approvalDecision(ctx, tx, ref.ID):
		return data.Errorf(data.ELocked, "err.decision.approval")
	case sessionChildren[ref.Kind]:
		var sid sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT session_id FROM `+tables[ref.Kind]+` WHERE id = ?`, ref.ID).Scan(&sid); err != nil {
			return err
		}
		sessionID = sid.String
	}
	if ref.Kind == data.KindSeat {
		// An approved session's register names who held the seat: the seat stays with it.
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM attendance a JOIN sessions s ON s.id = a.session_id
			WHERE a.seat_id = ? AND a.deleted = 0 AND s.deleted = 0 AND s.status = ?`, ref.ID,
			string(data.SessionApprovata)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.Errorf(data.ELocked, "err.seat.in_approved")
		}
	}
	if sessionID == "" {
		return nil
	}
	if ref.Kind == data.KindSession {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM verbali WHERE approved_in_id = ? AND deleted = 0`,
			sessionID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.Errorf(data.ELocked, "err.session.approved_another")
		}
	}
	_, err := unlocked(ctx, tx, sessionID)
	return err
}

// approvalDecision reports whether a decision records the approval of a verbale: it stays with the
// verbale it approved.
func approvalDecision(ctx context.Context, tx *sql.Tx, id string) bool {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM verbali WHERE decision_id = ? AND deleted = 0`, id).Scan(&n)
	return err == nil && n > 0
}
