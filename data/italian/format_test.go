package italian

import (
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

func rome(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, data.Zone)
}

func TestDates(t *testing.T) {
	tests := []struct {
		in                                 time.Time
		day, weekday, date, hour, dateTime string
	}{
		{rome(2027, time.March, 12, 15, 0), "12 marzo 2027", "venerdì 12 marzo 2027", "12/03/2027", "15:00", "12/03/2027 15:00"},
		{rome(2027, time.April, 1, 9, 5), "1° aprile 2027", "giovedì 1° aprile 2027", "01/04/2027", "09:05", "01/04/2027 09:05"},
		{rome(2026, time.December, 31, 23, 59), "31 dicembre 2026", "giovedì 31 dicembre 2026", "31/12/2026", "23:59",
			"31/12/2026 23:59"},
		{rome(2027, time.August, 15, 0, 0), "15 agosto 2027", "domenica 15 agosto 2027", "15/08/2027", "00:00", "15/08/2027 00:00"},
		// An instant written in UTC is shown in Rome: 23:30 UTC on 31 May is 1:30 on 1 June (summer time).
		{time.Date(2027, time.May, 31, 23, 30, 0, 0, time.UTC), "1° giugno 2027", "martedì 1° giugno 2027", "01/06/2027",
			"01:30", "01/06/2027 01:30"},
		{time.Time{}, "", "", "", "", ""},
	}
	for _, tt := range tests {
		for _, c := range []struct{ name, got, want string }{
			{"Day", Day(tt.in), tt.day}, {"WeekdayDay", WeekdayDay(tt.in), tt.weekday}, {"Date", Date(tt.in), tt.date},
			{"Clock", Clock(tt.in), tt.hour}, {"DateTime", DateTime(tt.in), tt.dateTime},
		} {
			if c.got != c.want {
				t.Errorf("%s(%v) = %q, want %q", c.name, tt.in, c.got, c.want)
			}
		}
	}
}

func TestOfDay(t *testing.T) {
	for _, tt := range []struct {
		day  int
		want string
	}{{12, "del 12 marzo 2027"}, {8, "dell'8 marzo 2027"}, {11, "dell'11 marzo 2027"}, {1, "del 1° marzo 2027"},
		{18, "del 18 marzo 2027"}} {
		if got := OfDay(time.Date(2027, 3, tt.day, 15, 0, 0, 0, data.Zone)); got != tt.want {
			t.Errorf("OfDay(%d marzo) = %q, want %q", tt.day, got, tt.want)
		}
	}
	if got, want := ClockSeconds(rome(2027, time.March, 12, 16, 5).Add(9*time.Second)), "16:05:09"; got != want {
		t.Errorf("ClockSeconds(16:05:09) = %q, want %q", got, want)
	}
	if got := ClockSeconds(time.Time{}); got != "" {
		t.Errorf("ClockSeconds(zero) = %q, want empty", got)
	}
	if got := OfDay(time.Time{}); got != "" {
		t.Errorf("OfDay(zero) = %q, want empty", got)
	}
}

func TestInt(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{{0, "0"}, {950, "950"}, {1000, "1.000"}, {15150, "15.150"}, {56900, "56.900"}, {1234567, "1.234.567"},
		{-28451, "-28.451"}, {-100, "-100"}}
	for _, tt := range tests {
		if got := Int(tt.in); got != tt.want {
			t.Errorf("Int(%d) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Int(int(tt.in)); got != tt.want {
			t.Errorf("Int(int %d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShare(t *testing.T) {
	for _, tt := range []struct {
		in   float64
		want string
	}{{0, "0,00"}, {0.42, "0,42"}, {1.0 / 3, "0,33"}, {2.5, "2,50"}, {12.345, "12,35"}} {
		if got := Share(tt.in); got != tt.want {
			t.Errorf("Share(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsMonth(t *testing.T) {
	for w, want := range map[string]bool{"maggio": true, "MAGGIO": true, "Dicembre": true, "mag": false, "": false, "maggio,": false} {
		if got := IsMonth(w); got != want {
			t.Errorf("IsMonth(%q) = %v, want %v", w, got, want)
		}
	}
}
