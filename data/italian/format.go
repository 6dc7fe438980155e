package italian

import (
	"strconv"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
)

// Numbers, dates and hours as an Italian office writes them. Dates and hours are in the Ambito's zone
// (data.Zone), whatever the computer's: a verbale printed on a laptop set to another zone shows the
// hours of the meeting. Every formatter gives "" for a zero time, so that a document can leave a blank.

var months = [...]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
	"agosto", "settembre", "ottobre", "novembre", "dicembre"}

// IsMonth reports whether w is the name of a month, in any case: "maggio", "MAGGIO".
func IsMonth(w string) bool {
	w = strings.ToLower(w)
	for _, m := range months {
		if w == m {
			return true
		}
	}
	return false
}

var weekdays = [...]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"}

// Int writes a whole number with the Italian thousands separator: "15.150", "-1.200".
func Int[N ~int | ~int64](n N) string {
	s := strconv.FormatInt(int64(n), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Share writes a share or a score with two decimals and a decimal comma, as an office writes it: "0,42".
func Share(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', 2, 64), ".", ",", 1)
}

// Day writes a day as Italian acts do: "12 marzo 2027", and "1° marzo 2027" for the first of the month.
func Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(data.Zone)
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day += "°"
	}
	return day + " " + months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// OfDay writes "del 12 marzo 2027" with the article elided before a vowel: "dell'8 aprile 2027",
// "dell'11 maggio 2027".
func OfDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if d := t.In(data.Zone).Day(); d == 8 || d == 11 {
		return "dell'" + Day(t)
	}
	return "del " + Day(t)
}

// WeekdayDay writes a day with its weekday: "giovedì 12 marzo 2027".
func WeekdayDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return weekdays[t.In(data.Zone).Weekday()] + " " + Day(t)
}

// Date writes a day in figures, as it is typed and as lists show it: "02/03/2027".
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(data.Zone).Format("02/01/2006")
}

// Clock writes a time of day: "15:00".
func Clock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(data.Zone).Format("15:04")
}

// ClockSeconds writes a time of day to the second: "16:05:09", when the last save happened.
func ClockSeconds(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(data.Zone).Format("15:04:05")
}

// DateTime writes a day and an hour, as lists show them: "12/03/2027 15:00".
func DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(data.Zone).Format("02/01/2006 15:04")
}
