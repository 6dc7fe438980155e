package sqlite

import (
	"context"
	"database/sql"
	"fmt"

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
	case data.KindProposal:
		err = add(data.KindProposalEvent, `SELECT id FROM proposal_events WHERE deleted = 0 AND proposal_id = ? ORDER BY at, id`, ref.ID)
	case data.KindVote:
		err = firstErr(
			add(data.KindVoteBallot, `SELECT id FROM vote_ballots WHERE deleted = 0 AND vote_id = ?`, ref.ID),
			add(data.KindVoteVoter, `SELECT id FROM vote_voters WHERE deleted = 0 AND vote_id = ?`, ref.ID))
	case data.KindAgendaItem:
		err = firstErr(
			add(data.KindDecision, `SELECT id FROM decisions WHERE deleted = 0 AND agenda_item_id = ?`, ref.ID),
			add(data.KindActionItem, `SELECT id FROM action_items WHERE deleted = 0 AND agenda_item_id = ?`, ref.ID),
			add(data.KindSpeech, `SELECT id FROM speeches WHERE deleted = 0 AND agenda_item_id = ?`, ref.ID))
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
			for _, r := range append([]data.Ref{ref}, deps...) {
				if err := s.setDeleted(ctx, tx, r, true); err != nil {
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
	if err := tx.QueryRowContext(ctx, `SELECT updated FROM `+table+` WHERE id = ?`, r.ID).Scan(&stored); err != nil {
		if err == sql.ErrNoRows {
			return data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(r.Kind))
		}
		return err
	}
	prev, err := parseTime(stored)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE `+table+` SET deleted = ?, updated = ?, device = ? WHERE id = ?`,
		deleted, fmtTime(later(s.now().UTC(), prev)), s.device, r.ID)
	return err
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
