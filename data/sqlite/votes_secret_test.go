package sqlite

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
	"github.com/tavoli/tavoli/data/vote"
)

// eightPresent is the march session in corso with eight seats of the Tavolo present (Rossi, Bianchi
// and six more), the Girasole cooperative's absent; seats lists the eight in the order they were made.
func eightPresent(t *testing.T) (*meeting, []string) {
	t.Helper()
	m := newMeeting(t)
	m.start(t, m.march.ID)
	seats := []string{m.seatRossi.ID, m.seatBianchi.ID}
	people := []string{m.rossi.ID, m.bianchi.ID}
	for _, name := range []string{"Conti", "Galli", "Fabbri", "Marini", "Greco", "Lombardi"} {
		p, err := m.s.SavePerson(m.ctx, data.Person{Surname: name, Name: "Anna", Category: data.CatCittadino})
		must(t, "SavePerson("+name+")", err)
		st, err := m.s.SaveSeat(m.ctx, data.Seat{BodyID: m.tavolo.ID, PersonID: p.ID})
		must(t, "SaveSeat("+name+")", err)
		seats, people = append(seats, st.ID), append(people, p.ID)
	}
	for i := range seats {
		m.checkIn(t, data.Attendance{SessionID: m.march.ID, PersonID: people[i], SeatID: seats[i]})
	}
	return m, seats
}

// nothingWritten checks, after a step of a secret vote, what a copy of the database and its WAL say:
// opened on their own (SQLite replays the WAL), they hold the vote, open, and none of its voters and
// ballots; read as bytes, neither file holds marker, which only a ballot could put there.
func (m *meeting) nothingWritten(t *testing.T, step, voteID, marker string) {
	t.Helper()
	copyPath := filepath.Join(t.TempDir(), "copia.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(m.path + suffix)
		if suffix != "" && os.IsNotExist(err) {
			continue
		}
		must(t, "ReadFile", err)
		if bytes.Contains(b, []byte(marker)) {
			t.Errorf("%s: tavoli.db%s holds %q", step, suffix, marker)
		}
		must(t, "WriteFile", os.WriteFile(copyPath+suffix, b, 0o600))
	}
	db, err := sql.Open("sqlite", copyPath)
	must(t, "sql.Open(copy)", err)
	defer db.Close()
	var status string
	var ballots, voters int
	must(t, "query copy", db.QueryRow(`SELECT status, (SELECT count(*) FROM vote_ballots WHERE vote_id = v.id),
		(SELECT count(*) FROM vote_voters WHERE vote_id = v.id) FROM votes v WHERE id = ?`, voteID).Scan(&status, &ballots, &voters))
	if status != string(data.VoteAperta) || ballots != 0 || voters != 0 {
		t.Errorf("%s: the file with its WAL holds the vote %s with %d ballots and %d voters; want it open with none",
			step, status, ballots, voters)
	}
}

// walEmpty fails unless the database's WAL is absent or empty.
func (m *meeting) walEmpty(t *testing.T, when string) {
	t.Helper()
	fi, err := os.Stat(m.path + "-wal")
	if err == nil && fi.Size() > 0 {
		t.Errorf("%s: the WAL holds %d bytes, want none", when, fi.Size())
	}
}

// inSequence lists the ids of a vote's ballots or voters (table vote_ballots or vote_voters, kind
// theirs) in the order of the change sequence.
func (m *meeting) inSequence(t *testing.T, table string, kind data.Kind, voteID string) []string {
	t.Helper()
	rows, err := m.s.db.Query(`SELECT c.id FROM changes c JOIN `+table+` r ON r.id = c.id
		WHERE c.kind = ? AND r.vote_id = ? ORDER BY c.seq`, string(kind), voteID)
	must(t, "changes", err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		must(t, "scan", rows.Scan(&id))
		out = append(out, id)
	}
	must(t, "rows", rows.Err())
	return out
}

// column lists a column of a vote's rows in table, in the order of ids.
func (m *meeting) column(t *testing.T, table, col, voteID string) (ids, values []string) {
	t.Helper()
	rows, err := m.s.db.Query(`SELECT id, `+col+` FROM `+table+` WHERE vote_id = ? ORDER BY id`, voteID)
	must(t, "query", err)
	defer rows.Close()
	for rows.Next() {
		var id, v string
		must(t, "scan", rows.Scan(&id, &v))
		ids, values = append(ids, id), append(values, v)
	}
	must(t, "rows", rows.Err())
	return ids, values
}

// bundleOrder lists, in the order an exported bundle carries them, the ids of a vote's records of kind.
func (m *meeting) bundleOrder(t *testing.T, kind data.Kind, voteID string) []string {
	t.Helper()
	var buf bytes.Buffer
	_, err := m.s.ExportBundle(m.ctx, &buf, bundle.ExportOptions{NoEncryption: true})
	must(t, "ExportBundle", err)
	in, err := ReadBundle(&buf, "")
	must(t, "ReadBundle", err)
	var out []string
	for _, r := range in.Records {
		if r.Kind == string(kind) && r.Row["vote_id"] == voteID {
			out = append(out, r.ID)
		}
	}
	return out
}

// TestSecretVoteLeavesNoOrder: the count, "fav, con, ast, fav, fav, con, fav, ast", entered as
// the running totals a secretary types while reading out the paper ballots, after eight seats were
// checked off in an order that is not theirs. Until the vote closes neither the file nor its WAL holds
// a voter or a ballot of it; once closed, the change sequence, the bundle and the rows follow their ids,
// which follow neither the casting nor the checking off, and the WAL is empty.
func TestSecretVoteLeavesNoOrder(t *testing.T) {
	m, seats := eightPresent(t)
	v := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Nomina del referente", Secret: true})
	checkedOff := []string{seats[3], seats[0], seats[6], seats[1], seats[7], seats[2], seats[5], seats[4]}
	for i, seat := range checkedOff {
		m.clock.set(meetDay(3, 12, 16, i))
		must(t, "MarkVoted", m.s.MarkVoted(m.ctx, v.ID, seat))
		m.nothingWritten(t, fmt.Sprintf("seat %d checked off", i+1), v.ID, `"choice":`)
	}
	totals := map[string]int{}
	for i, c := range []string{vote.Favorevole, vote.Contrario, vote.Astenuto, vote.Favorevole, vote.Favorevole,
		vote.Contrario, vote.Favorevole, vote.Astenuto} {
		totals[c]++
		m.clock.set(meetDay(3, 12, 16, 10+i))
		_, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Count: totals[c], Choice: c})
		must(t, "SaveBallot", err)
		m.nothingWritten(t, fmt.Sprintf("ballot %d (%s) counted", i+1, c), v.ID, `"choice":`)
	}
	// While it is open the store counts what it holds: limits and rules as before.
	_, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Count: 3, Choice: vote.Astenuto})
	wantErr(t, "SaveBallot(a ninth ballot)", err, data.EInvalid, "err.vote.too_many")
	err = m.s.MarkVoted(m.ctx, v.ID, m.seatGirasole.ID)
	wantErr(t, "MarkVoted(after the counting started)", err, data.EInvalid, "err.vote.counting_started")
	rec, err := m.s.VoteRecord(m.ctx, v.ID)
	must(t, "VoteRecord", err)
	if r, err := vote.Tally(vote.CountOf(rec.Vote, rec.Call, rec.Ballots)); err != nil || r.Motion == nil ||
		r.Motion.Sums.Favorevoli != 4 || r.Motion.Sums.Contrari != 2 || r.Motion.Sums.Astenuti != 2 {
		t.Fatalf("Tally(open vote) = %+v, %v; want 4, 2, 2", r, err)
	}

	m.clock.set(meetDay(3, 12, 16, 30))
	_, err = m.s.CloseVote(m.ctx, v.ID)
	must(t, "CloseVote", err)
	m.walEmpty(t, "after closing")
	bs, voted, err := m.s.Ballots(m.ctx, v.ID)
	must(t, "Ballots", err)
	got := map[string]int{}
	for _, b := range bs {
		got[b.Choice] += b.Count
	}
	if len(bs) != 3 || got[vote.Favorevole] != 4 || got[vote.Contrario] != 2 || got[vote.Astenuto] != 2 ||
		!slices.Equal(voted, slices.Sorted(slices.Values(seats))) {
		t.Fatalf("Ballots(closed) = %v in %d rows, voted %v; want 4, 2, 2 and the eight seats", got, len(bs), voted)
	}

	ids, choices := m.column(t, "vote_ballots", "json_extract(ballot, '$.choice')", v.ID)
	if slices.Equal(choices, []string{vote.Favorevole, vote.Contrario, vote.Astenuto}) {
		t.Errorf("the ballots' ids follow the order of the casting: %v", choices)
	}
	voterIDs, voterSeats := m.column(t, "vote_voters", "seat_id", v.ID)
	if slices.Equal(voterSeats, checkedOff) {
		t.Errorf("the voters' ids follow the order they were checked off: %v", voterSeats)
	}
	for _, c := range []struct {
		what      string
		got, want []string
	}{
		{"ballots in the change sequence", m.inSequence(t, "vote_ballots", data.KindVoteBallot, v.ID), ids},
		{"voters in the change sequence", m.inSequence(t, "vote_voters", data.KindVoteVoter, v.ID), voterIDs},
		{"ballots in a bundle", m.bundleOrder(t, data.KindVoteBallot, v.ID), ids},
		{"voters in a bundle", m.bundleOrder(t, data.KindVoteVoter, v.ID), voterIDs},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: %v, want the order of their ids %v", c.what, c.got, c.want)
		}
	}
	// Every row is stamped with the opening time.
	var stamped int
	must(t, "stamps", m.s.db.QueryRow(`SELECT count(*) FROM (SELECT created, updated FROM vote_ballots WHERE vote_id = ?1
		UNION ALL SELECT created, updated FROM vote_voters WHERE vote_id = ?1) WHERE created = ?2 AND updated = ?2`,
		v.ID, fmtTime(v.Opened)).Scan(&stamped))
	if stamped != 3+8 {
		t.Errorf("%d rows stamped with the opening time, want all 11", stamped)
	}
}

// TestSecretBallotsLandInIDOrder: eight distinct approval ballots and one taken back. The file, read
// as bytes after closing, holds each ballot once, in the order of their ids (SQLite fills a page from
// its end: the first row written lies last), which is neither the order of the casting nor its reverse;
// the ballot taken back is nowhere, at no step.
func TestSecretBallotsLandInIDOrder(t *testing.T) {
	m, seats := eightPresent(t)
	v := m.openVote(t, data.Vote{Method: data.MethodApproval, Subject: "Priorità", Secret: true,
		Options: []data.VoteOption{{ID: "a", Label: "A"}, {ID: "b", Label: "B"}, {ID: "c", Label: "C"}, {ID: "d", Label: "D"}}})
	for _, seat := range seats {
		must(t, "MarkVoted", m.s.MarkVoted(m.ctx, v.ID, seat))
	}
	const takenBack = `{"approve":["a","b","c","d"]}`
	cast := [][]string{{"c"}, {"a", "d"}, {"b"}, {"a"}, {"b", "c", "d"}, {"d"}, {"a", "b"}, {"c", "d"}}
	for i, approve := range cast {
		if i == 5 {
			wrong, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Approve: []string{"a", "b", "c", "d"}})
			must(t, "SaveBallot(wrong)", err)
			m.nothingWritten(t, "a wrong ballot entered", v.ID, `"approve":`)
			must(t, "RemoveBallot", m.s.RemoveBallot(m.ctx, v.ID, wrong.ID))
			wantErr(t, "RemoveBallot(twice)", m.s.RemoveBallot(m.ctx, v.ID, wrong.ID), data.ENotFound, "err.record.deleted")
			m.nothingWritten(t, "the wrong ballot taken back", v.ID, `"approve":`)
		}
		_, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Approve: approve})
		must(t, "SaveBallot", err)
		m.nothingWritten(t, fmt.Sprintf("ballot %d", i+1), v.ID, `"approve":`)
	}
	_, err := m.s.CloseVote(m.ctx, v.ID)
	must(t, "CloseVote", err)
	m.walEmpty(t, "after closing")

	file, err := os.ReadFile(m.path)
	must(t, "ReadFile", err)
	if bytes.Contains(file, []byte(takenBack)) {
		t.Errorf("the file holds the ballot taken back, %s", takenBack)
	}
	ids, bodies := m.column(t, "vote_ballots", "ballot", v.ID)
	at := map[string]int{}
	for _, b := range bodies {
		if n := bytes.Count(file, []byte(b)); n != 1 {
			t.Fatalf("the file holds %s %d times, want once", b, n)
		}
		at[b] = bytes.Index(file, []byte(b))
	}
	byPlace := slices.Clone(bodies)
	sort.Slice(byPlace, func(i, j int) bool { return at[byPlace[i]] > at[byPlace[j]] }) // the first written lies last
	if !slices.Equal(byPlace, bodies) {
		t.Errorf("the ballots lie in the file in the order %v, want the order of their ids %v", byPlace, bodies)
	}
	var castBodies []string
	for _, approve := range cast {
		j, err := ballotJSON(data.VoteBallot{Approve: approve})
		must(t, "ballotJSON", err)
		castBodies = append(castBodies, j)
	}
	reversed := slices.Clone(castBodies)
	slices.Reverse(reversed)
	if slices.Equal(bodies, castBodies) || slices.Equal(bodies, reversed) {
		t.Errorf("the ballots' ids follow the casting: %v", bodies)
	}
	if got := m.inSequence(t, "vote_ballots", data.KindVoteBallot, v.ID); !slices.Equal(got, ids) {
		t.Errorf("ballots in the change sequence: %v, want the order of their ids %v", got, ids)
	}
}
