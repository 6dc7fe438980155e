package sqlite

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
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

// TestSecretVoteClosedWithTheSession: closing the session closes its open secret vote, and writes what
// was counted as CloseVote does.
func TestSecretVoteClosedWithTheSession(t *testing.T) {
	m := runningMarch(t)
	v := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Nomina del referente", Secret: true})
	for _, seat := range []string{m.seatRossi.ID, m.seatBianchi.ID} {
		must(t, "MarkVoted", m.s.MarkVoted(m.ctx, v.ID, seat))
	}
	for _, c := range []string{vote.Contrario, vote.Favorevole} {
		_, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Count: 1, Choice: c})
		must(t, "SaveBallot", err)
	}
	m.move(t, m.march.ID, data.SessionChiusa)
	m.walEmpty(t, "after closing the session")
	votes, err := m.s.Votes(m.ctx, m.march.ID)
	must(t, "Votes", err)
	bs, voted, err := m.s.Ballots(m.ctx, v.ID)
	must(t, "Ballots", err)
	if len(votes) != 1 || votes[0].Status != data.VoteChiusa || len(bs) != 2 || len(voted) != 2 {
		t.Fatalf("after closing the session: %+v, %d ballots, %d voters; want the vote closed with 2 and 2", votes, len(bs), len(voted))
	}
	ids, _ := m.column(t, "vote_ballots", "ballot", v.ID)
	if got := m.inSequence(t, "vote_ballots", data.KindVoteBallot, v.ID); !slices.Equal(got, ids) {
		t.Errorf("ballots in the change sequence: %v, want the order of their ids %v", got, ids)
	}
}

// otherIDs are the ids of a second store on the same file: they never meet the first one's.
func otherIDs() func() string {
	n := 0
	return func() string {
		n++
		return fmt.Sprintf("0000000b-0000-4000-8000-%012d", n)
	}
}

// TestSecretVoteHeldByOneProgram: what a secret vote was given lives in the program that took it. A
// second window on the file sees the vote open with nothing entered, and is told so (NotHeld), until
// the first closes it; a program started again finds its vote open with nothing, says so, and takes
// the count again.
func TestSecretVoteHeldByOneProgram(t *testing.T) {
	m := runningMarch(t)
	v := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Nomina del referente", Secret: true})
	for _, seat := range []string{m.seatRossi.ID, m.seatBianchi.ID} {
		must(t, "MarkVoted", m.s.MarkVoted(m.ctx, v.ID, seat))
	}
	_, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Count: 2, Choice: vote.Favorevole})
	must(t, "SaveBallot", err)
	opt := meetOptions(m.clock)
	opt.NewID = otherIDs()
	other := openAt(t, m.path, opt)

	held := func(s *Store, who string, notHeld bool, ballots, voted int) {
		t.Helper()
		d, err := s.Dossier(m.ctx, m.march.ID)
		must(t, "Dossier", err)
		if d.NotHeld[v.ID] != notHeld || len(d.Ballots[v.ID]) != ballots || len(d.Voted[v.ID]) != voted {
			t.Errorf("%s: Dossier has the vote not held %v, %d ballots, %d voters; want %v, %d, %d", who,
				d.NotHeld[v.ID], len(d.Ballots[v.ID]), len(d.Voted[v.ID]), notHeld, ballots, voted)
		}
	}
	held(m.s, "the window counting", false, 1, 2)
	held(other, "another window", true, 0, 0)
	_, err = m.s.CloseVote(m.ctx, v.ID)
	must(t, "CloseVote", err)
	held(other, "another window, the vote closed", false, 1, 2)

	// The program stops while a second secret vote is open: what it held is gone.
	w := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Nomina del vice", Secret: true})
	must(t, "MarkVoted", m.s.MarkVoted(m.ctx, w.ID, m.seatRossi.ID))
	must(t, "Close", m.s.Close())
	m.s = openAt(t, m.path, meetOptions(m.clock))
	m.s.newID = otherIDs() // ids that the first run did not use
	v = w
	held(m.s, "after a restart", true, 0, 0)
	for _, seat := range []string{m.seatRossi.ID, m.seatBianchi.ID} {
		must(t, "MarkVoted(again)", m.s.MarkVoted(m.ctx, w.ID, seat))
	}
	_, err = m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: w.ID, Count: 2, Choice: vote.Contrario})
	must(t, "SaveBallot(again)", err)
	held(m.s, "after a restart, counted again", false, 1, 2)
	_, err = m.s.CloseVote(m.ctx, w.ID)
	must(t, "CloseVote", err)
	if bs, voted, err := m.s.Ballots(m.ctx, w.ID); err != nil || len(bs) != 1 || bs[0].Count != 2 || len(voted) != 2 {
		t.Errorf("Ballots(closed after a restart) = %+v, %v, %v; want 2 contrari from 2 seats", bs, voted, err)
	}
}

// TestSecretOrderMigration: a file written before secret votes were held in memory keeps its ballots
// and voters in the change sequence in the order they were entered, and in its free space what was
// replaced. Migration 0018 puts them in id order, and the next open rewrites the file.
func TestSecretOrderMigration(t *testing.T) {
	m := runningMarch(t)
	v := m.openVote(t, data.Vote{Method: data.MethodMotion, Subject: "Nomina del referente", Secret: true})
	// A ballot replaced by a shorter one leaves the start of its text in the page's free space.
	const marker = "stato-intermedio"
	replaced := `{"ranking":["` + strings.Repeat(marker+`","`, 30) + `fine"]}`
	// What the program before this one wrote, as it wrote it, one transaction a step, without
	// secure_delete: the voters as they were checked off, then the ballots, one of them corrected.
	old, err := sql.Open("sqlite", fileURI(m.path)+"?_pragma=busy_timeout(5000)&_pragma=secure_delete(0)")
	must(t, "sql.Open", err)
	defer old.Close()
	opened := fmtTime(v.Opened)
	id := func(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", 900+n) }
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO vote_voters (id, created, updated, device, vote_id, seat_id) VALUES (?, ?, ?, 'old', ?, ?)`,
			[]any{id(2), opened, opened, v.ID, m.seatBianchi.ID}},
		{`INSERT INTO vote_voters (id, created, updated, device, vote_id, seat_id) VALUES (?, ?, ?, 'old', ?, ?)`,
			[]any{id(1), opened, opened, v.ID, m.seatRossi.ID}},
		{`INSERT INTO vote_ballots (id, created, updated, device, vote_id, count, ballot) VALUES (?, ?, ?, 'old', ?, 1, ?)`,
			[]any{id(5), opened, opened, v.ID, replaced}},
		{`UPDATE vote_ballots SET ballot = '{"choice":"favorevole"}' WHERE id = ?`, []any{id(5)}},
		{`PRAGMA wal_checkpoint(TRUNCATE)`, nil}, // into the file itself, as a checkpoint of the old program may have
		{`INSERT INTO vote_ballots (id, created, updated, device, vote_id, count, ballot) VALUES (?, ?, ?, 'old', ?, 1, ?)`,
			[]any{id(3), opened, opened, v.ID, `{"choice":"contrario"}`}},
		{`UPDATE votes SET status = 'chiusa', closed = ? WHERE id = ?`, []any{opened, v.ID}},
		{`DELETE FROM migrations WHERE name LIKE '%0018_secret_order.sql'`, nil},
	} {
		_, err := old.Exec(q.sql, q.args...)
		must(t, q.sql, err)
	}
	// The old program is stopped while the file and its WAL are as it left them.
	if !m.inFiles(t, marker) {
		t.Fatalf("the old file does not hold %s: the test shows nothing", marker)
	}
	files := map[string][]byte{}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(m.path + suffix)
		must(t, "ReadFile", err)
		files[suffix] = b
	}
	must(t, "Close(old)", old.Close())
	must(t, "Close", m.s.Close())
	os.Remove(m.path + "-shm")
	for suffix, b := range files {
		must(t, "WriteFile", os.WriteFile(m.path+suffix, b, 0o600))
	}

	m.s = openAt(t, m.path, meetOptions(m.clock))
	m.s.newID = otherIDs()
	if m.inFiles(t, marker) {
		t.Errorf("after the upgrade the file still holds %s", marker)
	}
	m.walEmpty(t, "after the upgrade")
	for _, c := range []struct {
		table string
		kind  data.Kind
		want  []string
	}{{"vote_ballots", data.KindVoteBallot, []string{id(3), id(5)}}, {"vote_voters", data.KindVoteVoter, []string{id(1), id(2)}}} {
		if got := m.inSequence(t, c.table, c.kind, v.ID); !slices.Equal(got, c.want) {
			t.Errorf("%s in the change sequence after the upgrade: %v, want %v", c.table, got, c.want)
		}
	}
	bs, voted, err := m.s.Ballots(m.ctx, v.ID)
	must(t, "Ballots", err)
	if len(bs) != 2 || bs[0].Choice != vote.Contrario || bs[1].Choice != vote.Favorevole || len(voted) != 2 {
		t.Errorf("Ballots after the upgrade = %+v, voted %v; want the contrario and the favorevole, 2 seats", bs, voted)
	}
	var flags int
	must(t, "settings", m.s.db.QueryRow(`SELECT count(*) FROM settings WHERE key = 'vacuum_secret'`).Scan(&flags))
	if flags != 0 {
		t.Error("the file is still marked to be rewritten")
	}
}

// inFiles reports whether the database or its WAL holds s.
func (m *meeting) inFiles(t *testing.T, s string) bool {
	t.Helper()
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(m.path + suffix)
		if suffix != "" && os.IsNotExist(err) {
			continue
		}
		must(t, "ReadFile", err)
		if bytes.Contains(b, []byte(s)) {
			return true
		}
	}
	return false
}

// TestSecretBallotsRaceTheClosing: ballots entered while the vote is being closed are either in the
// closed vote or refused, never taken and then lost.
func TestSecretBallotsRaceTheClosing(t *testing.T) {
	m, seats := eightPresent(t)
	v := m.openVote(t, data.Vote{Method: data.MethodApproval, Subject: "Priorità", Secret: true,
		Options: []data.VoteOption{{ID: "a", Label: "A"}, {ID: "b", Label: "B"}, {ID: "c", Label: "C"}}})
	for _, seat := range seats {
		must(t, "MarkVoted", m.s.MarkVoted(m.ctx, v.ID, seat))
	}
	ballots := [][]string{{"a"}, {"b"}, {"c"}, {"a", "b"}, {"a", "c"}, {"b", "c"}, {"a", "b", "c"}}
	taken := make([]error, len(ballots))
	done := make(chan int)
	for i, approve := range ballots {
		go func() {
			_, taken[i] = m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Approve: approve})
			done <- i
		}()
	}
	<-done
	_, err := m.s.CloseVote(m.ctx, v.ID)
	must(t, "CloseVote", err)
	for range len(ballots) - 1 {
		<-done
	}
	var want []string
	for i, err := range taken {
		switch {
		case err == nil:
			j, _ := ballotJSON(data.VoteBallot{Approve: ballots[i]})
			want = append(want, j)
		case data.ErrorCode(err) != data.EInvalid:
			t.Errorf("SaveBallot(%v) = %v, want it taken or refused as the vote closed", ballots[i], err)
		}
	}
	_, got := m.column(t, "vote_ballots", "ballot", v.ID)
	slices.Sort(got)
	slices.Sort(want)
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("the closed vote holds %v, want the %d ballots taken %v", got, len(want), want)
	}
}

// TestSecretFileWhateverTheOrder: the same vote counted in different orders — the seats checked off,
// the ballots entered — leaves the same database file, byte for byte, but for the pages where the file
// remembers where it lives (see replica.go): nothing in it tells one order from another.
func TestSecretFileWhateverTheOrder(t *testing.T) {
	orders := [][]int{{0, 1, 2, 3, 4, 5, 6, 7}, {7, 6, 5, 4, 3, 2, 1, 0}, {3, 0, 6, 1, 7, 2, 5, 4}}
	ballots := [][]string{{"c"}, {"a", "d"}, {"b"}, {"a"}, {"b", "c", "d"}, {"d"}, {"a", "b"}, {"c", "d"}}
	var first []byte
	for n, order := range orders {
		m, seats := eightPresent(t)
		v := m.openVote(t, data.Vote{Method: data.MethodApproval, Subject: "Priorità", Secret: true,
			Options: []data.VoteOption{{ID: "a", Label: "A"}, {ID: "b", Label: "B"}, {ID: "c", Label: "C"}, {ID: "d", Label: "D"}}})
		for i, k := range order {
			m.clock.set(meetDay(3, 12, 16, i))
			must(t, "MarkVoted", m.s.MarkVoted(m.ctx, v.ID, seats[k]))
		}
		for i, k := range order {
			m.clock.set(meetDay(3, 12, 17, i))
			_, err := m.s.SaveBallot(m.ctx, data.VoteBallot{VoteID: v.ID, Approve: ballots[(k+n)%len(ballots)]})
			must(t, "SaveBallot", err)
		}
		m.clock.set(meetDay(3, 12, 18, 0))
		_, err := m.s.CloseVote(m.ctx, v.ID)
		must(t, "CloseVote", err)
		var pageSize int
		must(t, "page_size", m.s.db.QueryRow(`PRAGMA page_size`).Scan(&pageSize))
		rows, err := m.s.db.Query(`SELECT pageno FROM dbstat WHERE name IN ('settings', 'sqlite_autoindex_settings_1')`)
		must(t, "dbstat", err)
		var where []int
		for rows.Next() {
			var p int
			must(t, "scan", rows.Scan(&p))
			where = append(where, p)
		}
		rows.Close()
		must(t, "Close", m.s.Close())
		b, err := os.ReadFile(m.path)
		must(t, "ReadFile", err)
		if len(where) == 0 || len(where) > 2 {
			t.Fatalf("the settings lie on pages %v, want one or two", where)
		}
		for _, p := range where {
			clear(b[(p-1)*pageSize : p*pageSize])
		}
		if n == 0 {
			first = b
			continue
		}
		if !bytes.Equal(b, first) {
			i := 0
			for i < min(len(b), len(first)) && b[i] == first[i] {
				i++
			}
			t.Errorf("counted in the order %v the file differs from the first from byte %d (page %d)", order, i, i/pageSize+1)
		}
	}
}
