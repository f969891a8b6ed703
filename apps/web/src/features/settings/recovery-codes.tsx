/** Recovery codes, shown once: to copy or download now. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const text = `finsight recovery codes (each works once)\n\n${codes.join('\n')}\n`;
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <div className="recovery-codes" role="status">
      <p>
        <strong>Save these recovery codes now.</strong> Each one lets you in once if you lose your phone. They
        will not be shown again.
      </p>
      <ul className="codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p className="actions">
        <button
          type="button"
          className="button secondary small"
          onClick={() => void navigator.clipboard?.writeText(text)}
        >
          Copy
        </button>
        <a className="button secondary small" href={download} download="finsight-recovery-codes.txt">
          Download
        </a>
      </p>
    </div>
  );
}
