import type { PaperFlow } from './paperFlow';

/**
 * The flow as it prints: every sheet on its own landscape page, a column per speech, flags in
 * words and crossed-out cards struck through. Drawn only while the flow is printed (flow.css).
 */
export function FlowPrint({ flow }: { flow: PaperFlow }) {
  return (
    <div className="cm-flow-print">
      {flow.sheets.map((sheet) => (
        <section key={sheet.tabName} className="cm-flow-print__sheet">
          <h2>{sheet.title}</h2>
          <p className="cm-flow-print__round">
            {flow.title} · {flow.subtitle}
          </p>
          <table>
            <thead>
              <tr>
                {sheet.columns.map((speech) => (
                  <th key={speech.id} scope="col" className={`cm-flow__speech--${speech.side}`}>
                    {speech.id}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sheet.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c} className={`cm-flow__speech--${sheet.columns[c]!.side}`}>
                      {cell && (
                        <>
                          <span
                            className={`cm-flow-print__text${cell.crossed ? ' is-crossed' : ''}${cell.heading ? ' is-heading' : ''}`}
                          >
                            {cell.text}
                          </span>
                          {cell.flags.map((flag) => (
                            <span key={flag} className="cm-flow-print__flag">
                              {flag}
                            </span>
                          ))}
                        </>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
