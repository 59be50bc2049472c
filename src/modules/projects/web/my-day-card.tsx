import './i18n.js';
import { MyDay } from './my-day.js';

/** The dashboard's first card: the broker's day in short, linking on to "Aufgaben". */
export default function MyDayCard() {
  return <MyDay compact />;
}
