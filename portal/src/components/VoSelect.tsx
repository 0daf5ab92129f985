import { useViewer } from "../lib/context";

/** The VO a request is made for: the signed-in user's VOs (the first is chosen by default). */
export function VoSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (vo: string) => void;
}) {
  const viewer = useViewer();
  const vos = viewer?.vos ?? [];
  return (
    <select id={id} value={value || vos[0] || ""} onChange={(e) => onChange(e.target.value)}>
      {vos.length ? null : <option value="">Sign in to choose a VO</option>}
      {vos.map((vo) => (
        <option key={vo} value={vo}>
          {vo}
        </option>
      ))}
    </select>
  );
}
