package vote_test

import (
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

func TestOpening(t *testing.T) {
	start := time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return start.Add(time.Duration(m) * time.Minute) }
	seats := []data.SeatView{{Seat: data.Seat{Meta: data.Meta{ID: "a"}}}, {Seat: data.Seat{Meta: data.Meta{ID: "b"}}},
		{Seat: data.Seat{Meta: data.Meta{ID: "c"}}}}
	line := func(seat string, arrived, left time.Time) data.RegisterLine {
		return data.RegisterLine{Attendance: data.Attendance{Meta: data.Meta{ID: seat}, PersonID: "p" + seat, SeatID: seat,
			Presence: data.PresencePresente, Arrived: arrived, Left: left}}
	}
	rules := data.DefaultRules(data.BodyTavoloTematico) // prima: half plus one of 3 = 2
	tests := []struct {
		name     string
		register []data.RegisterLine
		ended    time.Time
		wantAt   time.Time
		present  int64
		holds    bool
	}{
		{"present before the start", []data.RegisterLine{line("a", at(-5), time.Time{}), line("b", at(-1), time.Time{})},
			time.Time{}, start, 2, true},
		{"the second arrives after the start", []data.RegisterLine{line("a", at(2), time.Time{}), line("b", at(9), time.Time{})},
			time.Time{}, at(9), 2, true},
		{"never enough: the most reached", []data.RegisterLine{line("a", at(3), at(5)), line("b", at(7), time.Time{})},
			time.Time{}, at(3), 1, false},
		{"one gone before the other came", []data.RegisterLine{line("a", at(1), at(4)), line("b", at(6), time.Time{}),
			line("c", at(8), time.Time{})}, time.Time{}, at(8), 2, true},
		{"arrivals after the end do not count", []data.RegisterLine{line("a", at(1), time.Time{}), line("b", at(90), time.Time{})},
			at(60), at(1), 1, false},
		{"nobody", nil, time.Time{}, start, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := data.Dossier{Body: data.Body{Rules: rules}, Seats: seats, Register: tt.register,
				Session: data.Session{Call: data.CallPrima, Started: start, Ended: tt.ended}}
			gotAt, q := vote.Opening(d)
			if !gotAt.Equal(tt.wantAt) || q.Present != tt.present || q.Holds != tt.holds {
				t.Errorf("Opening = %v, %d present, holds %v; want %v, %d, %v", gotAt, q.Present, q.Holds,
					tt.wantAt, tt.present, tt.holds)
			}
		})
	}
}
