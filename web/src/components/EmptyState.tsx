/** What a new user does first, when no call has happened in the last 24 hours. */
export function EmptyState({ sandbox }: { sandbox: boolean }) {
  return (
    <section class="empty" aria-labelledby="empty-title" data-testid="empty-state">
      <h2 id="empty-title">No calls yet</h2>
      <ol>
        <li>
          Bind two parties to a privacy number: in <a href="/graphql">GraphiQL</a> run{' '}
          <code>mutation {'{'} createAXBBinding(input: {'{'} partyA: "+8613800000001", partyB: "+8613800000002", cityCode: "0755" {'}'}) {'{'} id privacyNumber {'}'} {'}'}</code>
        </li>
        {sandbox ? (
          <li>Then use “Simulate a call” below: from party A to the privacy number. The call appears here live.</li>
        ) : (
          <li>Then call the privacy number from party A: the platform pushes the call here as it happens.</li>
        )}
      </ol>
    </section>
  );
}
