package report

import (
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

func TestFormatDates(t *testing.T) {
	tests := []struct {
		in                 time.Time
		day, weekday, hour string
	}{
		{rome(2027, time.March, 12, 15, 0), "12 marzo 2027", "venerdì 12 marzo 2027", "15:00"},
		{rome(2027, time.April, 1, 9, 5), "1° aprile 2027", "giovedì 1° aprile 2027", "09:05"},
		{rome(2026, time.December, 31, 23, 59), "31 dicembre 2026", "giovedì 31 dicembre 2026", "23:59"},
		{rome(2027, time.August, 15, 0, 0), "15 agosto 2027", "domenica 15 agosto 2027", "00:00"},
		// An instant written in UTC is shown in Rome: 23:30 UTC on 31 May is 1:30 on 1 June (summer time).
		{time.Date(2027, time.May, 31, 23, 30, 0, 0, time.UTC), "1° giugno 2027", "martedì 1° giugno 2027", "01:30"},
		{time.Time{}, "", "", ""},
	}
	for _, tt := range tests {
		if got := FormatDay(tt.in); got != tt.day {
			t.Errorf("FormatDay(%v) = %q, want %q", tt.in, got, tt.day)
		}
		if got := FormatWeekdayDay(tt.in); got != tt.weekday {
			t.Errorf("FormatWeekdayDay(%v) = %q, want %q", tt.in, got, tt.weekday)
		}
		if got := FormatClock(tt.in); got != tt.hour {
			t.Errorf("FormatClock(%v) = %q, want %q", tt.in, got, tt.hour)
		}
	}
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{{0, "0"}, {950, "950"}, {1000, "1.000"}, {15150, "15.150"}, {56900, "56.900"}, {1234567, "1.234.567"}, {-28451, "-28.451"}}
	for _, tt := range tests {
		if got := formatInt(tt.in); got != tt.want {
			t.Errorf("formatInt(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLabels(t *testing.T) {
	tests := []struct{ got, want string }{
		{StatusLabel(data.SessionInCorso), "In corso"},
		{StatusLabel(data.SessionApprovata), "Approvata"},
		{ofThe("Tavolo tematico Anziani"), "del Tavolo tematico Anziani"},
		{ofThe("Ufficio di Piano"), "dell'Ufficio di Piano"},
		{ofThe("Conferenza dei Sindaci"), "della Conferenza dei Sindaci"},
		{ofThe(""), "del "},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d = %q, want %q", i, tt.got, tt.want)
		}
	}
	// Every known value has an Italian label, not its code.
	for _, s := range data.SessionStatuses {
		if StatusLabel(s) == string(s) {
			t.Errorf("StatusLabel(%q) has no label", s)
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
	if got := OfDay(time.Time{}); got != "" {
		t.Errorf("OfDay(zero) = %q, want empty", got)
	}
}
