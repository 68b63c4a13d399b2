// The intake form: the answer channel follows the channel the inquiry came in on (an HCP who phones is answered
// by phone) until the user chooses an answer channel of their own.
document.addEventListener('DOMContentLoaded', () => {
  const received = document.getElementById('receivedChannel');
  const answer = document.getElementById('answerChannel');
  if (!received || !answer) {
    return;
  }
  let chosen = answer.value !== '' && received.value !== '' && answer.value !== received.value;
  answer.addEventListener('change', () => { chosen = true; });
  received.addEventListener('change', () => {
    if (!chosen && received.value !== '' && answer.querySelector('option[value="' + received.value + '"]')) {
      answer.value = received.value;
    }
  });
});
